import { expect } from 'chai';
import type { KubeObject } from '../../../src/host/action.js';
import {
  ANNOTATION_DEPENDS_ON,
  PLUGIN_ANNOTATIONS,
  withAnnotations,
  withoutAnnotations,
} from '../../../src/certmanager/annotations.js';

describe('certmanager/annotations', () => {
  const item: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'a', annotations: { keep: 'me' } },
  };

  it('adds annotations without mutating the input', () => {
    const out = withAnnotations(item, { [ANNOTATION_DEPENDS_ON]: '[]' });
    expect(out.metadata.annotations).to.deep.equal({ keep: 'me', [ANNOTATION_DEPENDS_ON]: '[]' });
    expect(item.metadata.annotations).to.deep.equal({ keep: 'me' });
  });

  it('removes only our annotations, and the map when it becomes empty', () => {
    expect(
      withoutAnnotations(withAnnotations(item, { [ANNOTATION_DEPENDS_ON]: '[]' }), PLUGIN_ANNOTATIONS).metadata
        .annotations,
    ).to.deep.equal({ keep: 'me' });
    const bare: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'b', annotations: { [ANNOTATION_DEPENDS_ON]: 'x' } },
    };
    expect(withoutAnnotations(bare, PLUGIN_ANNOTATIONS).metadata).to.deep.equal({ name: 'b' });
    expect(withoutAnnotations(item, PLUGIN_ANNOTATIONS)).to.equal(item);
  });
});
