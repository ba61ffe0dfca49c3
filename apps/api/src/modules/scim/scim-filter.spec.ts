import { parseFilter, parsePath, ScimSyntaxError } from './scim-filter';
import {
  applyPatch,
  checkPatchBody,
  checkResource,
  ENTERPRISE_SCHEMA,
  USER_SCHEMA,
  USER_SHAPE,
} from './scim-schema';
import { ScimError } from './scim.errors';

describe('parseFilter', () => {
  it('reads eq comparisons joined by and, with URN prefixes and JSON strings', () => {
    expect(parseFilter('userName eq "a@b.fi"')).toEqual([
      { attribute: 'userName', operator: 'eq', value: 'a@b.fi' },
    ]);
    expect(parseFilter('externalId eq "x \\"y\\"" and emails.value EQ "c@d.fi"')).toEqual([
      { attribute: 'externalId', operator: 'eq', value: 'x "y"' },
      { attribute: 'emails.value', operator: 'eq', value: 'c@d.fi' },
    ]);
    expect(parseFilter(`${USER_SCHEMA}:userName eq "a"`)[0]!.attribute).toBe(`${USER_SCHEMA}:userName`);
    expect(parseFilter('active eq true')[0]!.value).toBe(true);
  });

  it('reads the value filter Entra ID matches work addresses with, and brackets inside values', () => {
    expect(parseFilter('emails[type eq "work"].value eq "a@b.fi"')).toEqual([
      {
        attribute: 'emails.value',
        operator: 'eq',
        value: 'a@b.fi',
        where: [{ attribute: 'type', operator: 'eq', value: 'work' }],
      },
    ]);
    expect(parseFilter('displayName eq "Sales (EU) [north]"')[0]!.value).toBe('Sales (EU) [north]');
  });

  it.each([
    '',
    'userName',
    'userName eq',
    'userName eq "a',
    'userName co "a"',
    'userName pr',
    'userName zz "a"',
    'userName eq "a" or userName eq "b"',
    'userName eq "a" and',
    'userName eq "a" extra',
    'emails[type eq "work"]',
    'emails[type eq "work"].value',
    'emails[type eq "work"]value eq "a"',
    'emails[type eq "work" and x[y eq "z"]].value eq "a"',
    'emails.value[type eq "work"].value eq "a"',
    'userName eq "a" and (userName eq "b")',
    '(userName eq "a")',
    'userName eq bare',
    '1userName eq "a"',
    // Escapes spelling what PostgreSQL cannot hold: NUL, half a surrogate pair.
    'userName eq "a\\u0000"',
    'externalId eq "\\ud800"',
  ])('refuses %j', (filter) => {
    expect(() => parseFilter(filter)).toThrow(ScimSyntaxError);
  });
});

describe('parsePath', () => {
  it('reads attributes, sub-attributes and value filters', () => {
    expect(parsePath('displayName')).toEqual({ attribute: 'displayName' });
    expect(parsePath('name.givenName')).toEqual({ attribute: 'name', subAttribute: 'givenName' });
    expect(parsePath('emails[type eq "work"].value')).toEqual({
      attribute: 'emails',
      filter: [{ attribute: 'type', operator: 'eq', value: 'work' }],
      subAttribute: 'value',
    });
    expect(parsePath('members[value eq "1"]')).toEqual({
      attribute: 'members',
      filter: [{ attribute: 'value', operator: 'eq', value: '1' }],
    });
    expect(parsePath(`${ENTERPRISE_SCHEMA}:manager`)).toEqual({ attribute: `${ENTERPRISE_SCHEMA}:manager` });
  });

  it.each(['emails[type eq "work"', 'emails[type eq "work"]value', 'name.givenName[type eq "x"]', 'emails]'])(
    'refuses %j',
    (path) => expect(() => parsePath(path)).toThrow(ScimSyntaxError),
  );
});

describe('applyPatch', () => {
  const user = checkResource(USER_SHAPE, {
    schemas: [USER_SCHEMA],
    userName: 'a@b.fi',
    emails: [{ type: 'work', value: 'a@b.fi', primary: true }],
  });
  const apply = (operations: unknown[]) =>
    applyPatch(
      USER_SHAPE,
      user,
      checkPatchBody({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations }),
    );

  it('takes Entra ID’s capitalised ops, string booleans and dotted keys in a value object', () => {
    const patched = apply([
      { op: 'Replace', value: { 'name.givenName': 'Anna', active: 'False' } },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'anna@b.fi' },
      { op: 'Add', path: 'emails[type eq "home"].value', value: 'home@b.fi' },
    ]);
    expect(patched.name).toEqual({ givenName: 'Anna' });
    expect(patched.active).toBe(false);
    expect(patched.emails).toEqual([
      { type: 'work', value: 'anna@b.fi', primary: true },
      { type: 'home', value: 'home@b.fi' },
    ]);
    // The resource it was applied to is unchanged.
    expect(user.emails).toEqual([{ type: 'work', value: 'a@b.fi', primary: true }]);
  });

  it('ignores read-only keys in a value object (Okta sends the id when renaming a group)', () => {
    expect(apply([{ op: 'replace', value: { id: 'abc', displayName: 'Renamed' } }])).toMatchObject({
      displayName: 'Renamed',
    });
  });

  it('removes by a value filter and refuses what it cannot do', () => {
    expect(apply([{ op: 'remove', path: 'emails[type eq "work"]' }]).emails).toBeUndefined();
    const scimType = (operations: unknown[]) => {
      try {
        apply(operations);
      } catch (error) {
        return (error as ScimError).scimType;
      }
      return 'none';
    };
    expect(scimType([{ op: 'remove' }])).toBe('noTarget');
    expect(scimType([{ op: 'replace', path: 'groups', value: [] }])).toBe('mutability');
    expect(scimType([{ op: 'replace', path: 'emails.value', value: 'x' }])).toBe('invalidPath');
    expect(scimType([{ op: 'replace', path: 'urn:example:Other:thing', value: 'x' }])).toBe('invalidPath');
    expect(scimType([{ op: 'replace', path: 'active', value: 'yes' }])).toBe('invalidValue');
  });
});
