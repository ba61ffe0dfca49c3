import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only: the organisation's one disclosure (`settings.disclosure.hashtag`) becomes one per member
 * kind. The stored hashtag is the employees' (it was what every caption carried, `#employee` in most
 * organisations); fans get `#ad`, the disclosure consumer authorities recognise for people a brand
 * rewards, so no fan is made to claim they are an employee. An organisation that stored no
 * disclosure keeps the defaults. `down` puts the employees' back as the one hashtag.
 */
export class DisclosurePerMemberKind1795470000001 implements MigrationInterface {
  name = 'DisclosurePerMemberKind1795470000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE organisations
          SET settings = jsonb_set(
                settings,
                '{disclosure}',
                (settings -> 'disclosure') - 'hashtag'
                  || jsonb_build_object('employee', settings #> '{disclosure,hashtag}', 'fan', '#ad'))
        WHERE jsonb_typeof(settings -> 'disclosure') = 'object'
          AND jsonb_typeof(settings #> '{disclosure,hashtag}') = 'string'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE organisations
          SET settings = jsonb_set(
                settings,
                '{disclosure}',
                (settings -> 'disclosure') - 'employee' - 'fan'
                  || jsonb_build_object('hashtag', settings #> '{disclosure,employee}'))
        WHERE jsonb_typeof(settings -> 'disclosure') = 'object'
          AND jsonb_typeof(settings #> '{disclosure,employee}') = 'string'`,
    );
  }
}
