import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * sip_ingress.directory_revision: one row counting the directory's changes. Every write raises it in its own
 * transaction, so an instance reloads its in-memory directory only when the number moved.
 */
@Entity({ name: 'directory_revision' })
export class DirectoryRevisionEntity {
  @PrimaryColumn({ name: 'id', type: 'smallint' }) id!: number;
  @Column({ name: 'revision', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  revision!: number;
}
