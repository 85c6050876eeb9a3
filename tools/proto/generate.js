#!/usr/bin/env node
/*
 * Generates the TypeScript contracts and the topic catalogue from proto/.
 *
 *   node tools/proto/generate.js          lint proto/, regenerate libs/contracts/src/generated/ and docs/topics.md
 *   node tools/proto/generate.js --check  lint, regenerate into a temporary directory and compare with the committed
 *                                         files; exit 1 listing the stale files (CI)
 *   --against <buf input>                 also run `buf breaking` against an earlier version, e.g.
 *                                         --against '.git#branch=main' (every published schema must stay compatible)
 *
 * Uses the buf CLI from node_modules (@bufbuild/buf) with the local ts-proto plugin; no network access.
 * Two ts-proto runs: buf.gen.yaml (messages with protobuf codecs and @grpc/grpc-js service definitions) and
 * tools/proto/buf.gen.nest.yaml (NestJS controller interfaces and decorators, under generated/nest/).
 * docs/topics.md: the parts between `<!-- generated:NAME:begin -->` and `<!-- generated:NAME:end -->` are rendered
 * from the topic catalogue (libs/contracts/src/topics.ts), the event registry (event-types.ts) and the proto comments;
 * the rest of the file is written by hand.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const GENERATED_DIR = 'libs/contracts/src/generated';
const DOC_FILE = 'docs/topics.md';
const NEST_TEMPLATE = 'tools/proto/buf.gen.nest.yaml';

function bufBinary() {
  const local = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'buf.cmd' : 'buf');
  return fs.existsSync(local) ? { cmd: local, pre: [] } : { cmd: 'npx', pre: ['--no-install', 'buf'] };
}

function buf(args, { capture = false } = {}) {
  const { cmd, pre } = bufBinary();
  const result = spawnSync(cmd, [...pre, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    if (capture) process.stderr.write(result.stdout + result.stderr);
    fail(`buf ${args[0]} failed (exit ${result.status})`);
  }
  return result.stdout;
}

/** buf breaking against an earlier version; a version without any .proto file has published nothing to break. */
function breaking(against) {
  const { cmd, pre } = bufBinary();
  const result = spawnSync(cmd, [...pre, 'breaking', '--against', against], { cwd: ROOT, encoding: 'utf8' });
  if (result.error) throw result.error;
  const output = `${result.stdout}${result.stderr}`;
  if (result.status === 0) return;
  if (/had no \.proto files/.test(output)) {
    process.stdout.write(`proto: ${against} has no .proto files yet; nothing to check for breaking changes\n`);
    return;
  }
  process.stderr.write(output);
  fail(`breaking changes against ${against}: add a new field or a new v2 package instead (see proto/README.md)`);
}

function fail(message) {
  process.stderr.write(`proto: ${message}\n`);
  process.exit(1);
}

function listFiles(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    })
    .sort();
}

// ---------------------------------------------------------------------------------------------------------------
// docs/topics.md rendering

function loadContracts() {
  // The hand-written catalogue and registry are TypeScript: compile them on the fly (swc, no type check).
  require('@swc-node/register');
  const topics = require(path.join(ROOT, 'libs/contracts/src/topics.ts'));
  const events = require(path.join(ROOT, 'libs/contracts/src/event-types.ts'));
  return { topics, events };
}

function indexDescriptors(image) {
  const types = new Map(); // fully qualified name -> { kind, descriptor, comment, file, fields/values comments }
  for (const file of image.file) {
    const comments = new Map();
    for (const location of file.sourceCodeInfo?.location ?? []) {
      if (location.leadingComments) comments.set(location.path.join('.'), location.leadingComments);
    }
    const pkg = file.package;
    (file.messageType ?? []).forEach((message, index) => {
      types.set(`${pkg}.${message.name}`, {
        kind: 'message',
        name: message.name,
        fullName: `${pkg}.${message.name}`,
        file: file.name,
        comment: comments.get(`4.${index}`),
        fields: (message.field ?? []).map((field, fieldIndex) => ({
          ...field,
          comment: comments.get(`4.${index}.2.${fieldIndex}`),
        })),
      });
    });
    (file.enumType ?? []).forEach((enumType, index) => {
      types.set(`${pkg}.${enumType.name}`, {
        kind: 'enum',
        name: enumType.name,
        fullName: `${pkg}.${enumType.name}`,
        file: file.name,
        comment: comments.get(`5.${index}`),
        values: (enumType.value ?? []).map((value, valueIndex) => ({
          ...value,
          comment: comments.get(`5.${index}.2.${valueIndex}`),
        })),
      });
    });
  }
  return types;
}

const SCALARS = {
  TYPE_DOUBLE: 'double',
  TYPE_FLOAT: 'float',
  TYPE_INT64: 'int64',
  TYPE_UINT64: 'uint64',
  TYPE_INT32: 'int32',
  TYPE_UINT32: 'uint32',
  TYPE_FIXED64: 'fixed64',
  TYPE_FIXED32: 'fixed32',
  TYPE_BOOL: 'bool',
  TYPE_STRING: 'string',
  TYPE_BYTES: 'bytes',
  TYPE_SFIXED32: 'sfixed32',
  TYPE_SFIXED64: 'sfixed64',
  TYPE_SINT32: 'sint32',
  TYPE_SINT64: 'sint64',
};

const anchor = (fullName) => fullName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const oneLine = (comment) =>
  (comment ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\|/g, '\\|');
const paragraph = (comment) =>
  (comment ?? '')
    .split('\n')
    .map((line) => line.replace(/^ /, '').trimEnd())
    .join('\n')
    .trim();

function fieldType(field, types, referenced) {
  let name = SCALARS[field.type];
  if (!name) {
    const fullName = field.typeName.replace(/^\./, '');
    if (fullName === 'google.protobuf.Timestamp') {
      name = 'Timestamp (UTC)';
    } else {
      const target = types.get(fullName);
      referenced.add(fullName);
      name = target ? `[${target.name}](#${anchor(fullName)})` : fullName;
    }
  }
  return field.label === 'LABEL_REPEATED' ? `repeated ${name}` : name;
}

function messageSection(heading, type, types, referenced) {
  const lines = [`<a id="${anchor(type.fullName)}"></a>`, '', heading, ''];
  lines.push(`Protobuf message \`${type.fullName}\` in [proto/${type.file}](../proto/${type.file}).`, '');
  if (type.comment) lines.push(paragraph(type.comment), '');
  lines.push('| # | Field | Type | Meaning |', '|---|---|---|---|');
  for (const field of type.fields) {
    lines.push(
      `| ${field.number} | \`${field.name}\` | ${fieldType(field, types, referenced)} | ${oneLine(field.comment)} |`,
    );
  }
  lines.push('');
  return lines;
}

function enumSection(type) {
  const lines = [`<a id="${anchor(type.fullName)}"></a>`, '', `#### ${type.name}`, ''];
  lines.push(`Protobuf enum \`${type.fullName}\` in [proto/${type.file}](../proto/${type.file}).`, '');
  if (type.comment) lines.push(oneLine(type.comment), '');
  lines.push('| Number | Value | Meaning |', '|---|---|---|');
  for (const value of type.values) lines.push(`| ${value.number} | \`${value.name}\` | ${oneLine(value.comment)} |`);
  lines.push('');
  return lines;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const retention = (topic) =>
  topic.retentionMs === undefined
    ? 'forever'
    : topic.retentionMs % DAY_MS === 0
      ? `${topic.retentionMs / DAY_MS} days`
      : `${topic.retentionMs} ms`;

function renderSections(image) {
  const { topics, events } = loadContracts();
  const types = indexDescriptors(image);
  const referenced = new Set();
  const definitions = events.allEventDefinitions();
  const eventName = (definition) => definition.protoName.split('.').pop();

  const catalog = [
    '| Topic | Key | Partitions | Retention | Compacted | Producers | Consumers |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const topic of topics.allTopicDefinitions()) {
    catalog.push(
      `| \`${topic.name}\` | ${topic.key} | ${topic.partitions} | ${retention(topic)} | ${topic.compacted ? 'yes' : 'no'} | ` +
        `${(topic.producers ?? []).join(', ')} | ${(topic.consumers ?? []).join(', ')} |`,
    );
  }

  const perTopic = [];
  for (const topic of topics.TOPIC_CATALOG) {
    perTopic.push(`### \`${topic.name}\``, '', topic.description, '');
    perTopic.push(
      `- **Key:** ${topic.key}`,
      `- **Partitions:** ${topic.partitions}`,
      `- **Retention:** ${retention(topic)}; **compacted:** ${topic.compacted ? 'yes' : 'no'}`,
      `- **Producers:** ${(topic.producers ?? []).join(', ')}`,
      `- **Consumers:** ${(topic.consumers ?? []).join(', ')}`,
      `- **Dead-letter topic:** \`${topics.dlqTopicOf(topic.name)}\``,
      '- **Event types:**',
    );
    for (const type of events.eventTypesOfTopic(topic.name)) {
      const definition = events.eventDefinitionFor(type);
      perTopic.push(`  - [\`${type}\`](#${anchor(definition.protoName)})`);
    }
    perTopic.push('');
  }

  const eventSections = [];
  for (const topic of topics.TOPIC_CATALOG) {
    eventSections.push(`### Events on \`${topic.name}\``, '');
    for (const definition of definitions.filter((candidate) => candidate.topic === topic.name)) {
      const type = types.get(definition.protoName);
      if (!type) fail(`event ${definition.type}: no protobuf message ${definition.protoName} in proto/`);
      eventSections.push(
        ...messageSection(`#### ${eventName(definition)} (\`${definition.type}\`)`, type, types, referenced),
      );
    }
  }

  // Supporting messages and enums referenced by the events (transitively), in a stable order.
  const shared = [];
  const done = new Set(definitions.map((definition) => definition.protoName));
  let pending = [...referenced].filter((name) => !done.has(name));
  const supporting = [];
  while (pending.length > 0) {
    const name = pending.shift();
    if (done.has(name)) continue;
    done.add(name);
    const type = types.get(name);
    if (!type) continue;
    supporting.push(type);
    if (type.kind === 'message') {
      const nested = new Set();
      messageSection('', type, types, nested);
      pending.push(...[...nested].filter((candidate) => !done.has(candidate)));
    }
  }
  supporting.sort((a, b) => a.fullName.localeCompare(b.fullName));
  for (const type of supporting) {
    shared.push(
      ...(type.kind === 'enum' ? enumSection(type) : messageSection(`#### ${type.name}`, type, types, new Set())),
    );
  }

  const trim = (lines) => lines.join('\n').trim();
  return { catalog: trim(catalog), topics: trim(perTopic), events: trim(eventSections), types: trim(shared) };
}

/** Formats markdown like `prettier --write .` does, so formatting the repository never makes the check fail. */
async function formatMarkdown(text, filePath) {
  const prettier = require('prettier');
  const options = (await prettier.resolveConfig(filePath)) ?? {};
  return prettier.format(text, { ...options, filepath: filePath });
}

function renderDoc(current, sections) {
  let text = current;
  for (const [name, body] of Object.entries(sections)) {
    const begin = `<!-- generated:${name}:begin -->`;
    const end = `<!-- generated:${name}:end -->`;
    const from = text.indexOf(begin);
    const to = text.indexOf(end);
    if (from < 0 || to < from) fail(`${DOC_FILE} lacks the markers ${begin} ... ${end}`);
    text = `${text.slice(0, from + begin.length)}\n<!-- Generated by tools/proto/generate.js from proto/ and libs/contracts/src; do not edit. -->\n\n${body}\n\n${text.slice(to)}`;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const againstIndex = args.indexOf('--against');
  const against = againstIndex >= 0 ? args[againstIndex + 1] : undefined;
  if (againstIndex >= 0 && !against) fail('--against needs a buf input, e.g. ".git#branch=main"');

  buf(['lint']);
  if (against) breaking(against);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-proto-'));
  try {
    buf(['generate', '--output', tmp]);
    buf(['generate', '--template', NEST_TEMPLATE, '--output', tmp]);
    const imagePath = path.join(tmp, 'image.json');
    buf(['build', '--output', imagePath]);
    const image = JSON.parse(fs.readFileSync(imagePath, 'utf8'));

    const freshDir = path.join(tmp, GENERATED_DIR);
    const committedDir = path.join(ROOT, GENERATED_DIR);
    const docPath = path.join(ROOT, DOC_FILE);
    const currentDoc = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : fail(`${DOC_FILE} is missing`);

    if (check) {
      const fresh = listFiles(freshDir);
      const committed = listFiles(committedDir);
      const stale = [];
      for (const file of new Set([...fresh, ...committed])) {
        const a = path.join(freshDir, file);
        const b = path.join(committedDir, file);
        if (!fs.existsSync(b)) stale.push(`${GENERATED_DIR}/${file} (missing)`);
        else if (!fs.existsSync(a)) stale.push(`${GENERATED_DIR}/${file} (no longer generated)`);
        else if (!fs.readFileSync(a).equals(fs.readFileSync(b))) stale.push(`${GENERATED_DIR}/${file} (differs)`);
      }
      const expectedDoc = await formatMarkdown(renderDoc(currentDoc, renderSections(image)), docPath);
      if (expectedDoc !== currentDoc) stale.push(`${DOC_FILE} (generated sections differ)`);
      if (stale.length > 0) {
        fail(
          `generated files are stale; run \`npm run proto:gen\` and commit the result:\n` +
            stale.map((file) => `  - ${file}`).join('\n'),
        );
      }
      process.stdout.write(`proto: lint ok; ${fresh.length} generated files and ${DOC_FILE} are up to date\n`);
      return;
    }

    fs.rmSync(committedDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(committedDir), { recursive: true });
    fs.cpSync(freshDir, committedDir, { recursive: true });
    // The registry in event-types.ts imports the generated code: render the doc after it is in place.
    const doc = await formatMarkdown(renderDoc(currentDoc, renderSections(image)), docPath);
    if (doc !== currentDoc) fs.writeFileSync(docPath, doc);
    process.stdout.write(
      `proto: lint ok; generated ${listFiles(committedDir).length} files into ${GENERATED_DIR}; ${DOC_FILE} updated\n`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
