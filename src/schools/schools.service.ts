import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/problem.js';
import { TxRunner } from '../database/tx.js';
import { CreateSchoolBody } from './schools.dto.js';
import { School, SchoolsRepository } from './schools.repository.js';

@Injectable()
export class SchoolsService {
  constructor(
    private readonly repo: SchoolsRepository,
    private readonly tx: TxRunner,
    private readonly clock: Clock,
  ) {}

  async create(body: CreateSchoolBody, actorId: string | null): Promise<School> {
    return this.tx.run(async ({ m }) => {
      const school = await this.repo.insert(m, body);
      await this.repo.addHistory(m, school.id, body.qualityMark, this.clock.today(), 'registered', actorId);
      return school;
    });
  }

  async get(id: string): Promise<School> {
    const school = await this.repo.find(id);
    if (!school) throw notFound('School');
    return school;
  }

  /** Whether a school with this id exists (the id must be a uuid: the forms check that first). */
  async exists(id: string): Promise<boolean> {
    return (await this.repo.find(id)) !== null;
  }

  search(q: string | undefined, limit: number) {
    return this.repo.search(q, limit);
  }

  history(id: string) {
    return this.repo.history(id);
  }
}
