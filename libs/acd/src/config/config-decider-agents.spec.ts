import type { AgentInput, ConfigCommand } from './config-commands';
import { decideConfig } from './config-decider';
import { agentDefined, basics, by, eventOf, given } from './config-spec-kit';

const anna: AgentInput = { agentId: '1001', branchId: 'msk', name: 'Anna', skills: { sales: 8, support: 3 } };

function defineAgent(agent: AgentInput): ConfigCommand {
  return { ...by, type: 'DefineAgent', agent };
}

describe('decideConfig: agents', () => {
  describe('DefineAgent', () => {
    it('Given the basics, When an agent is defined, Then AgentDefined with voice capacity and no languages or groups', () => {
      expect(decideConfig(defineAgent(anna), given(...basics))).toEqual({
        ok: true,
        events: [
          eventOf(
            {
              type: 'AgentDefined',
              agent: { ...anna, languages: [], groups: [], capacity: { voice: 1 } },
            },
            basics.length + 1,
          ),
        ],
      });
    });

    it('Given an agent, When the identical definition comes again (keys in another order), Then no events', () => {
      const config = given(...basics, agentDefined(anna));
      const again: AgentInput = { ...anna, skills: { support: 3, sales: 8 }, capacity: { voice: 1 }, groups: [] };
      expect(decideConfig(defineAgent(again), config)).toEqual({ ok: true, events: [] });
    });

    it('Given an agent in msk, When the agent is defined in nsk, Then AgentDefined moves the agent', () => {
      const config = given(...basics, agentDefined(anna));
      expect(decideConfig(defineAgent({ ...anna, branchId: 'nsk' }), config)).toMatchObject({
        ok: true,
        events: [{ type: 'AgentDefined', agent: { agentId: '1001', branchId: 'nsk' } }],
      });
    });

    it('Given the basics, When an agent takes voice and 3 chats and speaks ru and en-US, Then they are kept', () => {
      const agent: AgentInput = {
        ...anna,
        languages: ['ru', 'en-US'],
        groups: ['team-a'],
        capacity: { voice: 1, chat: 3 },
      };
      expect(decideConfig(defineAgent(agent), given(...basics))).toMatchObject({
        ok: true,
        events: [{ agent: { languages: ['ru', 'en-US'], groups: ['team-a'], capacity: { voice: 1, chat: 3 } } }],
      });
    });

    it.each<[string, Partial<AgentInput>, string, string]>([
      ['an id with a space', { agentId: '10 01' }, 'invalid-id', 'agentId'],
      ['an unknown branch', { branchId: 'spb' }, 'unknown-branch', 'branchId'],
      ['no name', { name: '' }, 'invalid-name', 'name'],
      ['an unknown skill', { skills: { sales: 8, cooking: 3 } }, 'unknown-skill', 'skills.cooking'],
      ['level 11', { skills: { sales: 11 } }, 'invalid-level', 'skills.sales'],
      ['level 0', { skills: { support: 0 } }, 'invalid-level', 'skills.support'],
      ['an empty language', { languages: ['ru', ''] }, 'invalid-language', 'languages[1]'],
      ['a malformed language', { languages: ['e'] }, 'invalid-language', 'languages[0]'],
      ['a language twice', { languages: ['ru', 'ru'] }, 'duplicate-value', 'languages[1]'],
      ['a blank group', { groups: [' team-a'] }, 'invalid-group', 'groups[0]'],
      ['two voice calls at once', { capacity: { voice: 2 } }, 'invalid-capacity', 'capacity.voice'],
      ['zero chats', { capacity: { voice: 1, chat: 0 } }, 'invalid-capacity', 'capacity.chat'],
      ['1.5 emails', { capacity: { email: 1.5 } }, 'invalid-capacity', 'capacity.email'],
      ['no channel at all', { capacity: {} }, 'invalid-capacity', 'capacity'],
    ])('Given the basics, When an agent has %s, Then %s at %s', (_what, more, code, field) => {
      expect(decideConfig(defineAgent({ ...anna, ...more }), given(...basics))).toMatchObject({
        ok: false,
        error: { code, field },
      });
    });

    it('When an agent (from JSON) takes faxes, Then invalid-channel', () => {
      const agent = { ...anna, capacity: { voice: 1, fax: 1 } } as unknown as AgentInput;
      expect(decideConfig(defineAgent(agent), given(...basics))).toMatchObject({
        ok: false,
        error: { code: 'invalid-channel', field: 'capacity.fax' },
      });
    });
  });

  describe('RemoveAgent', () => {
    it('Given an agent, When removed, Then AgentRemoved', () => {
      expect(
        decideConfig({ ...by, type: 'RemoveAgent', agentId: '1001' }, given(...basics, agentDefined(anna))),
      ).toEqual({
        ok: true,
        events: [eventOf({ type: 'AgentRemoved', agentId: '1001' }, basics.length + 2)],
      });
    });

    it('Given no such agent, When removed, Then unknown-agent', () => {
      expect(decideConfig({ ...by, type: 'RemoveAgent', agentId: '1001' }, given(...basics))).toMatchObject({
        ok: false,
        error: { code: 'unknown-agent', field: 'agentId' },
      });
    });
  });

  describe('ChangeAgentSkills', () => {
    it('Given an agent in sales and support, When a supervisor moves them to billing, Then AgentSkillsChanged', () => {
      const decision = decideConfig(
        { ...by, type: 'ChangeAgentSkills', agentId: '1001', skills: { billing: 6 } },
        given(...basics, agentDefined(anna)),
      );
      expect(decision).toEqual({
        ok: true,
        events: [eventOf({ type: 'AgentSkillsChanged', agentId: '1001', skills: { billing: 6 } }, basics.length + 2)],
      });
    });

    it('Given an agent, When the same skills are set, Then no events', () => {
      const decision = decideConfig(
        { ...by, type: 'ChangeAgentSkills', agentId: '1001', skills: { support: 3, sales: 8 } },
        given(...basics, agentDefined(anna)),
      );
      expect(decision).toEqual({ ok: true, events: [] });
    });

    it.each<[string, string, Record<string, number>, string, string]>([
      ['an unknown agent', '9999', { sales: 1 }, 'unknown-agent', 'agentId'],
      ['an unknown skill', '1001', { 'first line': 1 }, 'invalid-id', 'skills["first line"]'],
      ['an undefined skill', '1001', { vip: 1 }, 'unknown-skill', 'skills.vip'],
      ['level 12', '1001', { sales: 12 }, 'invalid-level', 'skills.sales'],
    ])('Given an agent, When skills are changed with %s, Then %s at %s', (_what, agentId, skills, code, field) => {
      const decision = decideConfig(
        { ...by, type: 'ChangeAgentSkills', agentId, skills },
        given(...basics, agentDefined(anna)),
      );
      expect(decision).toMatchObject({ ok: false, error: { code, field } });
    });
  });

  describe('ChangeAgentGroups', () => {
    it('Given an agent in no group, When put into team-b, Then AgentGroupsChanged; the same again, Then no events', () => {
      const command: ConfigCommand = { ...by, type: 'ChangeAgentGroups', agentId: '1001', groups: ['team-b'] };
      expect(decideConfig(command, given(...basics, agentDefined(anna)))).toEqual({
        ok: true,
        events: [eventOf({ type: 'AgentGroupsChanged', agentId: '1001', groups: ['team-b'] }, basics.length + 2)],
      });
      expect(decideConfig(command, given(...basics, agentDefined({ ...anna, groups: ['team-b'] })))).toEqual({
        ok: true,
        events: [],
      });
    });

    it('Given an agent, When groups repeat a name, Then duplicate-value', () => {
      const decision = decideConfig(
        { ...by, type: 'ChangeAgentGroups', agentId: '1001', groups: ['team-b', 'team-b'] },
        given(...basics, agentDefined(anna)),
      );
      expect(decision).toMatchObject({ ok: false, error: { code: 'duplicate-value', field: 'groups[1]' } });
    });
  });
});
