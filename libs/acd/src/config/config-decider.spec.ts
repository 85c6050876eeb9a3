import type { ConfigCommand } from './config-commands';
import { decideConfig, decideConfigSequence } from './config-decider';
import { emptyTenantConfig } from './config-events';
import { basics, branchDefined, by, eventOf, given, skillDefined, TENANT_ID, tenantDefined } from './config-spec-kit';

describe('decideConfig: tenant, branches, skills, partners, not-ready reasons', () => {
  describe('DefineTenant', () => {
    it('Given nothing, When the tenant is defined, Then TenantDefined at version 1', () => {
      const decision = decideConfig({ ...by, type: 'DefineTenant', name: 'Acme', currency: 'EUR' }, given());
      expect(decision).toEqual({ ok: true, events: [eventOf(tenantDefined, 1)] });
    });

    it('Given the tenant, When it is renamed, Then TenantDefined with the next version', () => {
      const decision = decideConfig(
        { ...by, type: 'DefineTenant', name: 'Acme Group', currency: 'EUR' },
        given(...basics),
      );
      expect(decision).toEqual({
        ok: true,
        events: [eventOf({ type: 'TenantDefined', name: 'Acme Group', currency: 'EUR' }, basics.length + 1)],
      });
    });

    it('Given the tenant, When the identical definition comes again, Then no events', () => {
      const decision = decideConfig(
        { ...by, type: 'DefineTenant', name: 'Acme', currency: 'EUR' },
        given(tenantDefined),
      );
      expect(decision).toEqual({ ok: true, events: [] });
    });

    it.each([
      ['', 'EUR', 'invalid-name', 'name'],
      ['   ', 'EUR', 'invalid-name', 'name'],
      ['Acme', 'eur', 'invalid-currency', 'currency'],
      ['Acme', 'EURO', 'invalid-currency', 'currency'],
    ])('When the tenant is defined as %j with currency %j, Then %s at %s', (name, currency, code, field) => {
      const decision = decideConfig({ ...by, type: 'DefineTenant', name, currency }, given());
      expect(decision).toMatchObject({ ok: false, error: { code, field } });
    });

    it('Given an empty configuration with a malformed tenant id, When the tenant is defined, Then invalid-id', () => {
      const decision = decideConfig(
        { ...by, tenantId: 'Acme Corp', type: 'DefineTenant', name: 'Acme', currency: 'EUR' },
        emptyTenantConfig('Acme Corp'),
      );
      expect(decision).toMatchObject({ ok: false, error: { code: 'invalid-id', field: 'tenantId' } });
    });
  });

  describe('what every command carries', () => {
    const defineSkill: ConfigCommand = { ...by, type: 'DefineSkill', skill: { skillId: 'vip', name: 'VIP' } };

    it('Given nothing, When anything but DefineTenant comes, Then tenant-not-defined', () => {
      expect(decideConfig(defineSkill, given())).toMatchObject({ ok: false, error: { code: 'tenant-not-defined' } });
    });

    it("Given another tenant's configuration, When a command comes, Then tenant-mismatch", () => {
      const decision = decideConfig({ ...defineSkill, tenantId: 'other' }, given(...basics));
      expect(decision).toMatchObject({ ok: false, error: { code: 'tenant-mismatch', field: 'tenantId' } });
    });

    it('When a command has no actor, Then invalid-actor', () => {
      const decision = decideConfig({ ...defineSkill, actor: ' ' }, given(...basics));
      expect(decision).toMatchObject({ ok: false, error: { code: 'invalid-actor', field: 'actor' } });
    });

    it('When a command has no valid time, Then invalid-time', () => {
      const decision = decideConfig({ ...defineSkill, at: -1 }, given(...basics));
      expect(decision).toMatchObject({ ok: false, error: { code: 'invalid-time', field: 'at' } });
    });

    it('When a command of an unknown type comes (from JSON), Then unknown-command', () => {
      const decision = decideConfig({ ...by, type: 'DefineGalaxy' } as unknown as ConfigCommand, given(...basics));
      expect(decision).toMatchObject({ ok: false, error: { code: 'unknown-command', field: 'type' } });
    });
  });

  describe('expectedVersion (optimistic concurrency)', () => {
    const defineSkill: ConfigCommand = { ...by, type: 'DefineSkill', skill: { skillId: 'vip', name: 'VIP' } };

    it('Given version 7, When a change expects version 7, Then it is accepted as version 8', () => {
      const config = given(...basics);
      const decision = decideConfig({ ...defineSkill, expectedVersion: basics.length }, config);
      expect(decision).toEqual({
        ok: true,
        events: [eventOf({ type: 'SkillDefined', skill: { skillId: 'vip', name: 'VIP' } }, basics.length + 1)],
      });
    });

    it('Given version 7, When a change expects version 6, Then version-conflict', () => {
      const decision = decideConfig({ ...defineSkill, expectedVersion: basics.length - 1 }, given(...basics));
      expect(decision).toMatchObject({ ok: false, error: { code: 'version-conflict', field: 'expectedVersion' } });
      if (!decision.ok) expect(decision.error.message).toContain(`version ${basics.length}`);
    });

    it('Given the change is already in force, When it is re-submitted with its old expectedVersion, Then no events', () => {
      const config = given(...basics, skillDefined('vip'));
      const decision = decideConfig(
        { ...by, type: 'DefineSkill', skill: { skillId: 'vip', name: 'vip' }, expectedVersion: basics.length },
        config,
      );
      expect(decision).toEqual({ ok: true, events: [] });
    });

    it('When expectedVersion is not a version number, Then invalid-number', () => {
      const decision = decideConfig({ ...defineSkill, expectedVersion: 1.5 }, given(...basics));
      expect(decision).toMatchObject({ ok: false, error: { code: 'invalid-number', field: 'expectedVersion' } });
    });
  });

  describe('DefineBranch', () => {
    it('Given the tenant, When a branch is defined, Then BranchDefined', () => {
      const decision = decideConfig(
        {
          ...by,
          type: 'DefineBranch',
          branch: { branchId: 'spb', name: 'Saint Petersburg', timeZone: 'Europe/Moscow' },
        },
        given(tenantDefined),
      );
      expect(decision).toEqual({
        ok: true,
        events: [
          eventOf(
            { type: 'BranchDefined', branch: { branchId: 'spb', name: 'Saint Petersburg', timeZone: 'Europe/Moscow' } },
            2,
          ),
        ],
      });
    });

    it('Given a branch, When its time zone changes, Then BranchDefined; when nothing changes, Then no events', () => {
      const config = given(tenantDefined, branchDefined('msk'));
      expect(
        decideConfig(
          { ...by, type: 'DefineBranch', branch: { branchId: 'msk', name: 'MSK', timeZone: 'Europe/Moscow' } },
          config,
        ),
      ).toEqual({ ok: true, events: [] });
      expect(
        decideConfig(
          { ...by, type: 'DefineBranch', branch: { branchId: 'msk', name: 'MSK', timeZone: 'Europe/Samara' } },
          config,
        ),
      ).toEqual({
        ok: true,
        events: [
          eventOf({ type: 'BranchDefined', branch: { branchId: 'msk', name: 'MSK', timeZone: 'Europe/Samara' } }, 3),
        ],
      });
    });

    it.each([
      [{ branchId: 'MSK', name: 'Moscow', timeZone: 'Europe/Moscow' }, 'invalid-id', 'branchId'],
      [{ branchId: 'a'.repeat(65), name: 'Moscow', timeZone: 'Europe/Moscow' }, 'invalid-id', 'branchId'],
      [{ branchId: 'msk', name: '', timeZone: 'Europe/Moscow' }, 'invalid-name', 'name'],
      [{ branchId: 'msk', name: 'Moscow', timeZone: 'Moscow' }, 'invalid-time-zone', 'timeZone'],
      [{ branchId: 'msk', name: 'Moscow', timeZone: '+03:00' }, 'invalid-time-zone', 'timeZone'],
      [{ branchId: 'msk', name: 'Moscow', timeZone: 'europe/moscow' }, 'invalid-time-zone', 'timeZone'],
      [{ branchId: 'msk', name: 'Moscow', timeZone: '' }, 'invalid-time-zone', 'timeZone'],
    ])('When the branch %j is defined, Then %s at %s', (branch, code, field) => {
      const decision = decideConfig({ ...by, type: 'DefineBranch', branch }, given(tenantDefined));
      expect(decision).toMatchObject({ ok: false, error: { code, field } });
    });

    it('When a time zone is spelled in the wrong case, Then the message gives the right spelling', () => {
      const decision = decideConfig(
        { ...by, type: 'DefineBranch', branch: { branchId: 'nsk', name: 'Novosibirsk', timeZone: 'asia/novosibirsk' } },
        given(tenantDefined),
      );
      expect(decision.ok ? '' : decision.error.message).toContain('"Asia/Novosibirsk"');
    });
  });

  describe('DefineSkill, DefinePartner, DefineNotReadyReason', () => {
    it('Given the tenant, When a skill is defined, Then SkillDefined; the same again, Then no events', () => {
      const command: ConfigCommand = { ...by, type: 'DefineSkill', skill: { skillId: 'sales', name: 'Sales' } };
      const config = given(tenantDefined);
      expect(decideConfig(command, config)).toEqual({
        ok: true,
        events: [eventOf({ type: 'SkillDefined', skill: { skillId: 'sales', name: 'Sales' } }, 2)],
      });
      expect(
        decideConfig(
          command,
          given(tenantDefined, { type: 'SkillDefined', skill: { skillId: 'sales', name: 'Sales' } }),
        ),
      ).toEqual({
        ok: true,
        events: [],
      });
    });

    it('When a skill id has capitals, Then invalid-id naming the field', () => {
      const decision = decideConfig(
        { ...by, type: 'DefineSkill', skill: { skillId: 'Sales', name: 'Sales' } },
        given(tenantDefined),
      );
      expect(decision).toMatchObject({ ok: false, error: { code: 'invalid-id', field: 'skillId' } });
    });

    it('Given the tenant, When a partner is defined, Then PartnerDefined (unknown input fields dropped)', () => {
      const partner = {
        partnerId: 'outsourcer',
        name: 'Outsourcer',
        trunkUri: 'sips:cc@outsourcer.example.net',
        secret: 'x',
      };
      const decision = decideConfig({ ...by, type: 'DefinePartner', partner }, given(tenantDefined));
      expect(decision).toEqual({
        ok: true,
        events: [
          eventOf(
            {
              type: 'PartnerDefined',
              partner: { partnerId: 'outsourcer', name: 'Outsourcer', trunkUri: 'sips:cc@outsourcer.example.net' },
            },
            2,
          ),
        ],
      });
    });

    it.each(['http://outsourcer.example.net', 'sip:', 'sip:over flow@x', ''])(
      'When a partner trunk is %j, Then invalid-trunk-uri',
      (trunkUri) => {
        const decision = decideConfig(
          { ...by, type: 'DefinePartner', partner: { partnerId: 'outsourcer', name: 'Outsourcer', trunkUri } },
          given(tenantDefined),
        );
        expect(decision).toMatchObject({ ok: false, error: { code: 'invalid-trunk-uri', field: 'trunkUri' } });
      },
    );

    it('Given the tenant, When a not-ready reason is defined, Then NotReadyReasonDefined', () => {
      const decision = decideConfig(
        { ...by, type: 'DefineNotReadyReason', reason: { code: 'lunch', name: 'Lunch' } },
        given(tenantDefined),
      );
      expect(decision).toEqual({
        ok: true,
        events: [eventOf({ type: 'NotReadyReasonDefined', reason: { code: 'lunch', name: 'Lunch' } }, 2)],
      });
    });

    it('When a not-ready reason has no name, Then invalid-name', () => {
      const decision = decideConfig(
        { ...by, type: 'DefineNotReadyReason', reason: { code: 'lunch', name: '' } },
        given(tenantDefined),
      );
      expect(decision).toMatchObject({ ok: false, error: { code: 'invalid-name', field: 'name' } });
    });

    it('When the payload is missing (from JSON), Then invalid-shape', () => {
      const decision = decideConfig({ ...by, type: 'DefineSkill' } as unknown as ConfigCommand, given(tenantDefined));
      expect(decision).toMatchObject({ ok: false, error: { code: 'invalid-shape', field: 'skill' } });
    });
  });

  it('Every event of a tenant carries its id', () => {
    const decision = decideConfig(
      { ...by, type: 'DefineSkill', skill: { skillId: 'vip', name: 'VIP' } },
      given(...basics),
    );
    expect(decision.ok && decision.events[0].tenantId).toBe(TENANT_ID);
  });
});

describe('decideConfigSequence', () => {
  it('decides each command against what the previous ones left, versions in order', () => {
    const commands: ConfigCommand[] = [
      { ...by, type: 'DefineTenant', name: 'Acme', currency: 'EUR' },
      { ...by, type: 'DefineSkill', skill: { skillId: 'sales', name: 'Sales' } },
    ];
    const decision = decideConfigSequence(commands, emptyTenantConfig(TENANT_ID));
    expect(decision).toMatchObject({ ok: true, config: { version: 2, skills: { sales: { name: 'Sales' } } } });
    expect(decision.ok && decision.events.map((event) => event.version)).toEqual([1, 2]);
  });

  it('stops at the first refused command and names it', () => {
    const refused: ConfigCommand = { ...by, type: 'DefineSkill', skill: { skillId: 'Bad Id', name: 'Bad' } };
    const decision = decideConfigSequence(
      [
        { ...by, type: 'DefineTenant', name: 'Acme', currency: 'EUR' },
        refused,
        { ...by, type: 'DefineSkill', skill: { skillId: 'ok', name: 'Ok' } },
      ],
      emptyTenantConfig(TENANT_ID),
    );
    expect(decision).toMatchObject({
      ok: false,
      command: refused,
      error: { field: expect.stringContaining('skillId') },
    });
  });
});
