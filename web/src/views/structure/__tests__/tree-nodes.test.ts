import { describe, expect, it } from 'vitest';
import { childNode, nodeKey, rootNode } from '../tree-nodes';
import type { StructureNode } from '@/api/types';

const village: StructureNode = {
  node: { code: '511025124229', name: '集中村', level: 'village', group: '', poor_village: true },
  assignments: [
    { id: 1, kind: { code: 'village_unit', zh: '帮扶单位', en: 'Helping unit' }, holder: { type: 'unit', id: 3, name: '县农业农村局' }, date_from: '2020-01-01', date_to: '' },
  ],
  gaps: ['village_without_work_team'],
  children: [
    { type: 'group', code: '511025124229', group: '3', name: '3组', poor_village: false, status: '', holder: null, gaps: 2 },
    { type: 'group', code: '511025124229/4', group: '', name: '4组', poor_village: false, status: '', holder: null, gaps: 0 },
  ],
};

describe('structure tree nodes', () => {
  it('keys nodes so they can be found again', () => {
    expect(nodeKey('town', '511025124000')).toBe('511025124000');
    expect(nodeKey('group', '511025124229', '3')).toBe('511025124229/3');
    expect(nodeKey('household', '5110251242290001')).toBe('hh:5110251242290001');
  });

  it('counts the root own gaps and its subtree, and names its holder', () => {
    const root = rootNode(village);
    expect(root).toMatchObject({ key: '511025124229', type: 'village', gaps: 3, holder: { name: '县农业农村局' }, leaf: false });
  });

  it('reads a group given as village code + group or as "<village>/<group>"', () => {
    expect(childNode(village.node, village.children[0])).toMatchObject({ key: '511025124229/3', code: '511025124229', group: '3' });
    expect(childNode(village.node, village.children[1])).toMatchObject({ key: '511025124229/4', code: '511025124229', group: '4' });
  });

  it('makes households leaves', () => {
    const h = childNode(
      { code: '511025124229' },
      { type: 'household', code: '5110251242290001', group: '', name: '张三', poor_village: false, status: 'poor', holder: null, gaps: 1 },
    );
    expect(h).toMatchObject({ key: 'hh:5110251242290001', leaf: true, gaps: 1, holder: null });
  });
});
