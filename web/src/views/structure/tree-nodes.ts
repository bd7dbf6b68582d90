// The responsibility tree of the structure page: GET /structure answers turned into
// tree nodes (county → town → village → villager group → household), each keyed so
// that a node can be found again (region code, "<village>/<group>", "hh:<id>").
import type { Holder, StructureChild, StructureNode } from '@/api/types';

export interface TreeNode {
  key: string;
  type: 'county' | 'town' | 'village' | 'group' | 'household';
  /** region code; for a group its village; for a household the household id */
  code: string;
  group: string;
  name: string;
  holder: Holder | null;
  /** gaps in the subtree (for the root: its own plus its children's) */
  gaps: number;
  poor_village: boolean;
  status: string;
  leaf: boolean;
}

export function nodeKey(type: TreeNode['type'], code: string, group = ''): string {
  if (type === 'household') return `hh:${code}`;
  if (type === 'group') return `${code}/${group}`;
  return code;
}

/** The holder shown beside a node: the first assignment that names one (the root has no parent to say it). */
export function rootHolder(node: StructureNode): Holder | null {
  return node.assignments.find((a) => a.holder)?.holder ?? null;
}

export function rootNode(answer: StructureNode): TreeNode {
  const n = answer.node;
  const type = (n.level === 'group' ? 'group' : n.level) as TreeNode['type'];
  return {
    key: nodeKey(type, n.code, n.group),
    type,
    code: n.code,
    group: n.group,
    name: n.name,
    holder: rootHolder(answer),
    gaps: answer.gaps.length + answer.children.reduce((sum, c) => sum + c.gaps, 0),
    poor_village: n.poor_village,
    status: '',
    leaf: false,
  };
}

/**
 * A child of a node. For a group the server names its village's code (or the
 * "<village>/<group>" target) and the group number; both are accepted.
 */
export function childNode(parent: { code: string }, child: StructureChild): TreeNode {
  if (child.type === 'group') {
    let code = child.code;
    let group = child.group;
    if (code.includes('/')) [code, group] = code.split('/');
    if (!code || code.length < 12) code = parent.code;
    if (!group) group = child.code;
    return { key: nodeKey('group', code, group), type: 'group', code, group, name: child.name, holder: child.holder, gaps: child.gaps, poor_village: false, status: '', leaf: false };
  }
  return {
    key: nodeKey(child.type, child.code),
    type: child.type,
    code: child.code,
    group: '',
    name: child.name,
    holder: child.holder,
    gaps: child.gaps,
    poor_village: child.poor_village,
    status: child.status,
    leaf: child.type === 'household',
  };
}
