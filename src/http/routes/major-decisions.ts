import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { invalid } from '../../domain/errors';
import { checkMajorDecisionInput, classifyMajorDecision } from '../../domain/major-decision';
import type { Deps } from '../../services/deps';
import * as settings from '../../services/settings-service';
import { actorOf } from '../auth';
import { errors } from '../schemas';
import {
  MajorClassificationSchema,
  MajorDecisionInputSchema,
  MajorDecisionSettingsSchema,
} from './major-decisions.schema';

/**
 * Major enforcement decisions (issue 13, REV-01): the classification as a preview for the
 * workbench and for integrations (computes, stores nothing), and its versioned settings.
 */
export const majorDecisionRoutes =
  (deps: Deps): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['法制审核'];

    app.post(
      '/api/major-decisions/classify',
      {
        // Any signed-in staff member: a computation on the facts sent, nothing read or stored.
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '判断拟作出的执法决定是否属于重大执法决定（七类），并说明理由；不保存',
          body: MajorDecisionInputSchema,
          response: { 200: MajorClassificationSchema, ...errors(400, 401) },
        },
      },
      async (req) => {
        const first = checkMajorDecisionInput(req.body)[0];
        if (first) throw invalid('MAJOR_DECISION_INPUT_INVALID', first.message, first.field);
        return classifyMajorDecision(req.body, await settings.majorDecisionSettings(deps.db));
      },
    );
    app.get(
      '/api/settings/major-decisions',
      {
        config: { access: 'settings.read' },
        schema: {
          tags: ['设置'],
          summary: '重大执法决定的标准（听证罚款数额、较大价值、所列行政许可）和法制审核期限',
          response: { 200: MajorDecisionSettingsSchema, ...errors(401, 403) },
        },
      },
      async () => settings.majorDecisionSettings(deps.db),
    );
    app.put(
      '/api/settings/major-decisions',
      {
        config: { access: 'settings.write' },
        schema: {
          tags: ['设置'],
          summary: '修改重大执法决定的标准和法制审核期限（新版本，留痕）',
          body: MajorDecisionSettingsSchema,
          response: { 200: MajorDecisionSettingsSchema, ...errors(400, 401, 403) },
        },
      },
      async (req) => settings.saveMajorDecisionSettings(deps, actorOf(req), req.body),
    );
  };
