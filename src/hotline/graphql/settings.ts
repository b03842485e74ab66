import { hotlineSettings, updateHotlineSetting, type SettingView } from '../settings';
import { builder } from './builder';

const SettingRef = builder.objectRef<SettingView>('HotlineSetting').implement({
  description: "One of the centre's settings (time limits, thresholds, weights), as JSON.",
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.exposeString('value', { description: 'The value in force, as JSON.' }),
    defaultValue: t.exposeString('defaultValue', { description: 'The default (docs/domain.md local defaults), as JSON.' }),
    isDefault: t.exposeBoolean('isDefault'),
  }),
});

builder.queryFields((t) => ({
  hotlineSettings: t.field({ type: [SettingRef], description: 'ADMIN: every setting, with its default.', resolve: (_root, _args, ctx) => hotlineSettings(ctx) }),
}));

builder.mutationFields((t) => ({
  updateHotlineSetting: t.field({
    type: SettingRef,
    description: 'ADMIN: change one setting (JSON, validated); in force at once.',
    args: { key: t.arg.string({ required: true }), value: t.arg.string({ required: true, description: 'JSON, e.g. 3 or {"unit":"HOURS","amount":4}' }) },
    resolve: (_root, args, ctx) => updateHotlineSetting(ctx, args),
  }),
}));
