import { type Comparison, parsePath, ScimSyntaxError, type ScimValue } from './scim-filter';
import { scimBadRequest } from './scim.errors';

/*
 * The attributes Heimo reads and keeps for SCIM Users and Groups (RFC 7643 §4, §8.7), served as
 * /Schemas and used to check every body strictly: an unknown attribute, a wrong type or a schema URN
 * Heimo does not serve answers 400 before anything is written.
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

type AttrType = 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';

export interface AttrDef {
  readonly name: string;
  readonly type: AttrType;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: 'readWrite' | 'readOnly' | 'immutable' | 'writeOnly';
  readonly returned: 'default' | 'always' | 'never' | 'request';
  readonly uniqueness: 'none' | 'server';
  readonly description: string;
  readonly subAttributes?: readonly AttrDef[];
}

const attr = (
  name: string,
  description: string,
  options: Partial<Omit<AttrDef, 'name' | 'description'>> = {},
): AttrDef => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  description,
  ...options,
});

const typed = (kinds: string) => [
  attr('value', 'The value.'),
  attr('display', 'A human-readable name.'),
  attr('type', `A label such as ${kinds}.`),
  attr('primary', 'The primary value.', { type: 'boolean' }),
];
const multi = (name: string, description: string, subAttributes: readonly AttrDef[]) =>
  attr(name, description, { type: 'complex', multiValued: true, subAttributes });

export const USER_ATTRIBUTES: readonly AttrDef[] = [
  attr('id', 'Heimo’s id of the user.', {
    mutability: 'readOnly',
    returned: 'always',
    caseExact: true,
    uniqueness: 'server',
  }),
  attr('externalId', 'The provider’s id of the user.', { caseExact: true }),
  attr('userName', 'Unique within the organisation, case-insensitively; usually the sign-in address.', {
    required: true,
    uniqueness: 'server',
  }),
  attr('name', 'The parts of the person’s name.', {
    type: 'complex',
    subAttributes: [
      attr('formatted', 'The full name.'),
      attr('familyName', 'Family name.'),
      attr('givenName', 'Given name.'),
      attr('middleName', 'Middle name.'),
      attr('honorificPrefix', 'Honorific prefix.'),
      attr('honorificSuffix', 'Honorific suffix.'),
    ],
  }),
  attr('displayName', 'The name Heimo shows (else the formatted or given and family name).'),
  attr('nickName', 'Nickname (kept, not used).'),
  attr('profileUrl', 'Profile address (kept, not used).', { type: 'reference' }),
  attr('title', 'Job title (kept, not used).'),
  attr('userType', 'User type (kept, not used).'),
  attr('preferredLanguage', 'fi or en sets the member’s language.'),
  attr('locale', 'fi or en sets the member’s language when preferredLanguage does not.'),
  attr('timezone', 'Time zone (kept, not used).'),
  attr('active', 'false deactivates the member and ends their sessions; true brings them back.', {
    type: 'boolean',
  }),
  attr('password', 'Never kept: provisioned members sign in through single sign-on.', {
    mutability: 'writeOnly',
    returned: 'never',
  }),
  multi(
    'emails',
    'E-mail addresses; the primary (else work, else first) is the member’s.',
    typed('work, home'),
  ),
  multi('phoneNumbers', 'Phone numbers (kept, not used).', typed('work, mobile')),
  multi('ims', 'Instant messaging addresses (kept, not used).', typed('skype')),
  multi('photos', 'Photos (kept, not used).', typed('photo, thumbnail')),
  multi('addresses', 'Postal addresses (kept, not used).', [
    attr('formatted', 'The full address.'),
    attr('streetAddress', 'Street.'),
    attr('locality', 'City.'),
    attr('region', 'Region.'),
    attr('postalCode', 'Postal code.'),
    attr('country', 'Country.'),
    attr('type', 'work, home or other.'),
    attr('primary', 'The primary address.', { type: 'boolean' }),
  ]),
  multi('groups', 'The groups the user is in (read-only: change a Group’s members).', [
    attr('value', 'The group’s id.', { mutability: 'readOnly' }),
    attr('$ref', 'The group’s address.', { type: 'reference', mutability: 'readOnly' }),
    attr('display', 'The group’s name.', { mutability: 'readOnly' }),
    attr('type', 'direct.', { mutability: 'readOnly' }),
  ]),
  multi('entitlements', 'Entitlements (kept, not used).', typed('any')),
  multi('roles', 'Roles at the provider (kept, not used: Heimo roles are set in People).', typed('any')),
  multi('x509Certificates', 'Certificates (kept, not used).', typed('any')),
].map((definition) =>
  definition.name === 'groups' ? { ...definition, mutability: 'readOnly' } : definition,
);

export const ENTERPRISE_ATTRIBUTES: readonly AttrDef[] = [
  attr('employeeNumber', 'Employee number (kept, not used).'),
  attr('costCenter', 'Cost centre (kept, not used).'),
  attr('organization', 'Organisation (kept, not used).'),
  attr('division', 'Division (kept, not used).'),
  attr('department', 'Department (kept, not used: teams follow linked Groups).'),
  attr('manager', 'The manager (kept, not used).', {
    type: 'complex',
    subAttributes: [
      attr('value', 'The manager’s id.'),
      attr('$ref', 'The manager’s address.', { type: 'reference' }),
      attr('displayName', 'The manager’s name.', { mutability: 'readOnly' }),
    ],
  }),
];

export const GROUP_ATTRIBUTES: readonly AttrDef[] = [
  attr('id', 'Heimo’s id of the group.', {
    mutability: 'readOnly',
    returned: 'always',
    caseExact: true,
    uniqueness: 'server',
  }),
  attr('externalId', 'The provider’s id of the group.', { caseExact: true }),
  attr('displayName', 'The group’s name, unique within the organisation.', {
    required: true,
    uniqueness: 'server',
  }),
  multi('members', 'The group’s users; a member of a group linked to a team is in that team.', [
    attr('value', 'The user’s id.', { mutability: 'immutable' }),
    attr('$ref', 'The user’s address.', { type: 'reference', mutability: 'immutable' }),
    attr('display', 'The user’s name.', { mutability: 'readOnly' }),
    attr('type', 'User.', { mutability: 'immutable' }),
  ]),
];

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The resource type a body is checked against. */
export interface ResourceShape {
  readonly schema: string;
  readonly attributes: readonly AttrDef[];
  readonly extension?: { readonly schema: string; readonly attributes: readonly AttrDef[] };
}

export const USER_SHAPE: ResourceShape = {
  schema: USER_SCHEMA,
  attributes: USER_ATTRIBUTES,
  extension: { schema: ENTERPRISE_SCHEMA, attributes: ENTERPRISE_ATTRIBUTES },
};
export const GROUP_SHAPE: ResourceShape = { schema: GROUP_SCHEMA, attributes: GROUP_ATTRIBUTES };

const MAX_STRING = 1024;
/** C0 controls but tab, line feed and carriage return (an address may span lines), and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Half of a UTF-16 pair alone: JSON lets `"\ud800"` through, PostgreSQL's jsonb does not. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;
const MAX_VALUES = 50;
/** How many members a Group body may list at once (Entra ID sends at most a few per request). */
export const MAX_GROUP_MEMBERS = 1000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const findDef = (defs: readonly AttrDef[], name: string) =>
  defs.find((definition) => definition.name.toLowerCase() === name.toLowerCase());

/**
 * One value checked against its definition, in canonical form: sub-attribute names as the schema
 * spells them, `"True"`/`"False"` strings (Entra ID) as booleans. Read-only sub-attributes are
 * dropped (RFC 7644 §3.5.1: ignored). Throws 400 `invalidValue` naming the attribute.
 */
export function checkValue(
  definition: AttrDef,
  value: unknown,
  where: string,
  single = false,
): Json | undefined {
  if (value === null) return undefined;
  if (definition.multiValued && !single) {
    const values = Array.isArray(value) ? value : [value];
    const limit = definition.name === 'members' ? MAX_GROUP_MEMBERS : MAX_VALUES;
    if (values.length > limit)
      throw scimBadRequest('invalidValue', `${where} has more than ${limit} values.`);
    return values
      .map((item, index) => checkValue(definition, item, `${where}[${index}]`, true))
      .filter((item): item is Json => item !== undefined);
  }
  switch (definition.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw scimBadRequest('invalidValue', `${where} must be true or false.`);
    case 'complex': {
      // Entra ID sends the enterprise manager as its id alone.
      if (typeof value === 'string' && definition.name === 'manager') value = { value };
      if (!isObject(value)) throw scimBadRequest('invalidValue', `${where} must be an object.`);
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value)) {
        const sub = findDef(definition.subAttributes ?? [], key);
        if (!sub) throw scimBadRequest('invalidValue', `${where}.${key} is not an attribute Heimo knows.`);
        if (sub.mutability === 'readOnly') continue;
        const checked = checkValue(sub, item, `${where}.${sub.name}`);
        if (checked !== undefined) out[sub.name] = checked;
      }
      return out;
    }
    default:
      if (typeof value === 'number' && definition.name === 'employeeNumber') value = String(value);
      if (typeof value !== 'string') throw scimBadRequest('invalidValue', `${where} must be a string.`);
      if (value.length > MAX_STRING)
        throw scimBadRequest('invalidValue', `${where} is longer than ${MAX_STRING} characters.`);
      if (CONTROL_CHARACTERS.test(value))
        throw scimBadRequest('invalidValue', `${where} contains control characters.`);
      if (UNPAIRED_SURROGATE.test(value))
        throw scimBadRequest('invalidValue', `${where} is not valid Unicode text (an unpaired surrogate).`);
      return value;
  }
}

/** The schema URNs a body lists: an array of known ones, including the resource's own. */
function checkSchemas(shape: ResourceShape, schemas: unknown): void {
  if (!Array.isArray(schemas) || !schemas.every((schema) => typeof schema === 'string'))
    throw scimBadRequest('invalidValue', 'schemas must be an array of schema URNs.');
  const known = [shape.schema, ...(shape.extension ? [shape.extension.schema] : [])].map((s) =>
    s.toLowerCase(),
  );
  const unknown = schemas.find((schema) => !known.includes(schema.toLowerCase()));
  if (unknown) throw scimBadRequest('invalidValue', `The schema ${unknown} is not served here.`);
  if (!schemas.some((schema) => schema.toLowerCase() === shape.schema.toLowerCase()))
    throw scimBadRequest('invalidValue', `schemas must include ${shape.schema}.`);
}

/**
 * A whole resource (POST or PUT) in canonical form, or 400: its schemas, every attribute known and
 * well typed, required ones present. Read-only attributes (`id`, `meta`, `groups`) are ignored.
 */
export function checkResource(shape: ResourceShape, body: unknown): JsonObject {
  if (!isObject(body)) throw scimBadRequest('invalidSyntax', 'The body must be a JSON object.');
  checkSchemas(shape, body.schemas);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'schemas' || key === 'meta') continue;
    if (shape.extension && key.toLowerCase() === shape.extension.schema.toLowerCase()) {
      if (!isObject(value)) throw scimBadRequest('invalidValue', `${key} must be an object.`);
      const extension: JsonObject = {};
      for (const [name, item] of Object.entries(value)) {
        const definition = findDef(shape.extension.attributes, name);
        if (!definition)
          throw scimBadRequest('invalidValue', `${key}:${name} is not an attribute Heimo knows.`);
        const checked = checkValue(definition, item, name);
        if (checked !== undefined) extension[definition.name] = checked;
      }
      if (Object.keys(extension).length) out[shape.extension.schema] = extension;
      continue;
    }
    const definition = findDef(shape.attributes, key);
    if (!definition) throw scimBadRequest('invalidValue', `${key} is not an attribute Heimo knows.`);
    if (definition.mutability === 'readOnly' || definition.mutability === 'writeOnly') continue;
    const checked = checkValue(definition, value, definition.name);
    if (checked !== undefined) out[definition.name] = checked;
  }
  for (const definition of shape.attributes.filter((d) => d.required)) {
    const value = out[definition.name];
    if (typeof value !== 'string' || !value.trim())
      throw scimBadRequest('invalidValue', `${definition.name} is required.`);
  }
  return out;
}

export interface PatchOperation {
  readonly op: 'add' | 'replace' | 'remove';
  readonly path?: string;
  readonly value?: unknown;
}

/** A PatchOp body (RFC 7644 §3.5.2): its operations, op names in any case (Entra ID sends "Replace"). */
export function checkPatchBody(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw scimBadRequest('invalidSyntax', 'The body must be a JSON object.');
  const schemas = body.schemas;
  if (
    !Array.isArray(schemas) ||
    schemas.length !== 1 ||
    typeof schemas[0] !== 'string' ||
    schemas[0].toLowerCase() !== PATCH_SCHEMA.toLowerCase()
  )
    throw scimBadRequest('invalidValue', `schemas must be ["${PATCH_SCHEMA}"].`);
  const unknown = Object.keys(body).find((key) => !['schemas', 'Operations'].includes(key));
  if (unknown) throw scimBadRequest('invalidSyntax', `${unknown} is not a member of a PatchOp.`);
  const operations = body.Operations;
  if (!Array.isArray(operations) || operations.length === 0 || operations.length > MAX_VALUES)
    throw scimBadRequest('invalidSyntax', `Operations must list 1 to ${MAX_VALUES} operations.`);
  return operations.map((operation, index) => {
    if (!isObject(operation))
      throw scimBadRequest('invalidSyntax', `Operations[${index}] must be an object.`);
    const extra = Object.keys(operation).find((key) => !['op', 'path', 'value'].includes(key));
    if (extra)
      throw scimBadRequest('invalidSyntax', `Operations[${index}].${extra} is not a member of an operation.`);
    const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw scimBadRequest('invalidSyntax', `Operations[${index}].op must be add, replace or remove.`);
    if (operation.path !== undefined && typeof operation.path !== 'string')
      throw scimBadRequest('invalidPath', `Operations[${index}].path must be a string.`);
    if (op !== 'remove' && operation.value === undefined)
      throw scimBadRequest('invalidValue', `Operations[${index}] needs a value.`);
    return { op, path: operation.path as string | undefined, value: operation.value };
  });
}

interface ResolvedPath {
  /** The object the attribute lives in: the resource, or its extension object. */
  readonly extension?: string;
  readonly definition: AttrDef;
  readonly filter?: readonly Comparison[];
  readonly sub?: AttrDef;
}

function resolvePath(shape: ResourceShape, text: string): ResolvedPath {
  let parsed;
  try {
    parsed = parsePath(text);
  } catch (error) {
    if (error instanceof ScimSyntaxError) throw scimBadRequest('invalidPath', error.message);
    throw error;
  }
  let name = parsed.attribute;
  let defs = shape.attributes;
  let extension: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon >= 0) {
    const urn = name.slice(0, colon).toLowerCase();
    name = name.slice(colon + 1);
    if (shape.extension && urn === shape.extension.schema.toLowerCase()) {
      defs = shape.extension.attributes;
      extension = shape.extension.schema;
    } else if (urn !== shape.schema.toLowerCase()) {
      throw scimBadRequest(
        'invalidPath',
        `The schema ${parsed.attribute.slice(0, colon)} is not served here.`,
      );
    }
  }
  const definition = findDef(defs, name);
  if (!definition) throw scimBadRequest('invalidPath', `${text} names no attribute Heimo knows.`);
  if (definition.mutability === 'readOnly')
    throw scimBadRequest('mutability', `${definition.name} is read-only.`);
  let sub: AttrDef | undefined;
  if (parsed.subAttribute) {
    sub = findDef(definition.subAttributes ?? [], parsed.subAttribute);
    if (!sub) throw scimBadRequest('invalidPath', `${text} names no attribute Heimo knows.`);
    if (definition.multiValued && !parsed.filter)
      throw scimBadRequest(
        'invalidPath',
        `${text}: choose the values with a filter, e.g. ${definition.name}[type eq "work"].${sub.name}.`,
      );
  }
  if (parsed.filter) {
    if (!definition.multiValued)
      throw scimBadRequest('invalidPath', `${definition.name} has a single value.`);
    for (const comparison of parsed.filter)
      if (!findDef(definition.subAttributes ?? [], comparison.attribute))
        throw scimBadRequest(
          'invalidPath',
          `${comparison.attribute} is not a sub-attribute of ${definition.name}.`,
        );
  }
  return { extension, definition, filter: parsed.filter, sub };
}

function matches(element: Json, filter: readonly Comparison[]): boolean {
  if (!isObject(element)) return false;
  return filter.every(({ attribute, value }) => {
    const key = Object.keys(element).find((name) => name.toLowerCase() === attribute.toLowerCase());
    const actual = key === undefined ? undefined : (element[key] as ScimValue | undefined);
    if (typeof actual === 'string' && typeof value === 'string')
      return actual.toLowerCase() === value.toLowerCase();
    return actual === value;
  });
}

/**
 * The resource after the operations, each applied in order to a copy (RFC 7644 §3.5.2): with a
 * path, or with a value object whose keys are paths (Entra ID also sends `name.givenName` and
 * URN-qualified keys so). Every value is checked as it is applied; a bad one answers 400 and the
 * resource is left as it was.
 */
export function applyPatch(
  shape: ResourceShape,
  resource: JsonObject,
  operations: readonly PatchOperation[],
): JsonObject {
  const doc = structuredClone(resource);
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === 'remove') throw scimBadRequest('noTarget', 'A remove operation needs a path.');
      if (!isObject(operation.value))
        throw scimBadRequest('invalidValue', 'An operation without a path needs an object as its value.');
      for (const [key, value] of Object.entries(operation.value)) {
        if (key === 'schemas' || key === 'meta') continue;
        // Okta renames a group with {"id": …, "displayName": …}: read-only keys are ignored, as in a PUT.
        if (findDef(shape.attributes, key)?.mutability === 'readOnly') continue;
        if (
          shape.extension &&
          key.toLowerCase() === shape.extension.schema.toLowerCase() &&
          isObject(value)
        ) {
          for (const [name, item] of Object.entries(value))
            applyOne(shape, doc, operation.op, `${shape.extension.schema}:${name}`, item);
          continue;
        }
        applyOne(shape, doc, operation.op, key, value);
      }
    } else {
      applyOne(shape, doc, operation.op, operation.path, operation.value);
    }
  }
  return doc;
}

function applyOne(
  shape: ResourceShape,
  doc: JsonObject,
  op: PatchOperation['op'],
  path: string,
  value: unknown,
): void {
  const { extension, definition, filter, sub } = resolvePath(shape, path);
  let container = doc;
  if (extension) {
    const existing = doc[extension];
    container = isObject(existing) ? (existing as JsonObject) : {};
    doc[extension] = container;
  }
  const name = definition.name;
  const current = container[name];

  if (!filter) {
    if (sub) {
      const parent: JsonObject = isObject(current) ? (current as JsonObject) : {};
      if (op === 'remove') delete parent[sub.name];
      else {
        const checked = checkValue(sub, value, `${name}.${sub.name}`);
        if (checked === undefined) delete parent[sub.name];
        else parent[sub.name] = checked;
      }
      container[name] = parent;
    } else if (op === 'remove' && definition.multiValued && value !== undefined && value !== null) {
      // Entra ID removes group members as {"op":"Remove","path":"members","value":[{"value":id}]}:
      // only those values go, never the whole attribute.
      const gone = checkValue(definition, value, name) as Json[];
      const kept = (Array.isArray(current) ? current : []).filter(
        (old) => !gone.some((item) => sameValue(old, item)),
      );
      if (kept.length) container[name] = kept;
      else delete container[name];
    } else if (op === 'remove') {
      delete container[name];
    } else {
      const checked = checkValue(definition, value, name);
      if (checked === undefined) delete container[name];
      else if (definition.multiValued && op === 'add') {
        const existing = Array.isArray(current) ? current : [];
        const added = (checked as Json[]).filter((item) => !existing.some((old) => sameValue(old, item)));
        container[name] = [...existing, ...added];
      } else if (definition.type === 'complex' && !definition.multiValued && isObject(current)) {
        container[name] = { ...(current as JsonObject), ...(checked as JsonObject) };
      } else container[name] = checked;
    }
  } else {
    const values = Array.isArray(current) ? [...current] : [];
    const hits = values.filter((element) => matches(element, filter));
    if (op === 'remove') {
      if (sub) for (const element of hits) delete (element as JsonObject)[sub.name];
      else container[name] = values.filter((element) => !hits.includes(element));
    } else if (sub) {
      const checked = checkValue(sub, value, `${name}.${sub.name}`);
      if (hits.length === 0) {
        // Entra ID replaces emails[type eq "work"].value on a user with no work address: add one.
        const created: JsonObject = {};
        for (const comparison of filter) {
          const key =
            findDef(definition.subAttributes ?? [], comparison.attribute)?.name ?? comparison.attribute;
          created[key] = comparison.value as Json;
        }
        if (checked !== undefined) created[sub.name] = checked;
        values.push(created);
      } else for (const element of hits) (element as JsonObject)[sub.name] = checked ?? null;
      container[name] = values;
    } else {
      const checked = checkValue(definition, value, name, true) as JsonObject | undefined;
      if (hits.length === 0) throw scimBadRequest('noTarget', `No value of ${name} matches the filter.`);
      container[name] = values.map((element) =>
        hits.includes(element) ? { ...(element as JsonObject), ...(checked ?? {}) } : element,
      );
    }
    if (Array.isArray(container[name]) && (container[name] as Json[]).length === 0) delete container[name];
  }
  if (extension && Object.keys(container).length === 0) delete doc[extension];
}

function sameValue(a: Json, b: Json): boolean {
  if (isObject(a) && isObject(b) && typeof a.value === 'string' && typeof b.value === 'string')
    return (
      a.value.toLowerCase() === b.value.toLowerCase() &&
      (a.type === undefined || b.type === undefined || a.type === b.type)
    );
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The /Schemas representation of a schema. */
export function schemaResource(id: string, name: string, attributes: readonly AttrDef[], baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id,
    name,
    description: `${name} as Heimo reads it`,
    attributes: attributes.map(describe),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` },
  };
}

function describe(definition: AttrDef): Record<string, unknown> {
  return {
    name: definition.name,
    type: definition.type,
    multiValued: definition.multiValued,
    description: definition.description,
    required: definition.required,
    caseExact: definition.caseExact,
    mutability: definition.mutability,
    returned: definition.returned,
    uniqueness: definition.uniqueness,
    ...(definition.subAttributes ? { subAttributes: definition.subAttributes.map(describe) } : {}),
    ...(definition.type === 'reference' ? { referenceTypes: ['external'] } : {}),
  };
}
