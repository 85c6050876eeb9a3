import 'reflect-metadata';
import { runService } from '@cc/platform';
import { ReportingModule } from './reporting.module';

void runService({ name: 'reporting', modules: [ReportingModule] });
