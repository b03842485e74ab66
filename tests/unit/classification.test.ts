import { isObjectType } from 'graphql';
import { CLASSIFICATION, maskAddress, maskIdNumber, maskName, maskPhone } from '../../policies';
import { hotlineSchema } from '../../src/hotline/graphql';

describe('field classification (policies/fields.ts)', () => {
  it('classifies every field of every personal-data-bearing type the hotline serves — and nothing that does not exist', () => {
    const schema = hotlineSchema();
    for (const [typeName, classified] of Object.entries(CLASSIFICATION)) {
      const type = schema.getType(typeName);
      expect([typeName, isObjectType(type)]).toEqual([typeName, true]);
      if (!isObjectType(type)) continue;
      const fields = Object.keys(type.getFields()).sort();
      const unclassified = fields.filter((f) => !(f in classified.fields));
      expect([typeName, unclassified]).toEqual([typeName, []]);
      // Case.transfers is served by the exchange subgraph; everything else named must exist here.
      const stale = Object.keys(classified.fields).filter((f) => !fields.includes(f) && !(typeName === 'Case' && f === 'transfers'));
      expect([typeName, stale]).toEqual([typeName, []]);
    }
  });

  it('masks as docs/domain.md shows: phone 138****1234, ID 1101**********123X, name 张*, address to community level', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskIdNumber('11010519491231123X')).toBe('1101**********123X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修文')).toBe('欧*');
    expect(maskAddress('深圳市南山区粤海街道科技园社区科苑路15号3栋502')).toBe('深圳市南山区粤海街道科技园社区***');
    expect(maskAddress('吕梁市离石区滨河街道龙凤南路18号')).toBe('吕梁市离石区滨河街道***');
  });
});
