//! A plan's group hierarchy, walked once without recursion: the groups in depth-first order
//! with their depth, and each group's subtree as a range of that order. Every question the
//! pages and the search index ask of the hierarchy (is this group under that one, the
//! descendants of a group, the rows of the dashboard) is then a range check or a slice, so
//! a read model stays linear in the plan's size however deep its groups nest.

use shinchoku_core::{GroupKey, Plan};
use std::collections::HashMap;

/// The group hierarchy of one plan.
#[derive(Debug, Default, Clone)]
pub(crate) struct GroupTree {
    /// (depth, index into `plan.groups`) in depth-first order, children in document order.
    /// A group whose key repeats appears once (its first occurrence).
    order: Vec<(usize, usize)>,
    /// Group key → (position in `order`, end of its subtree in `order`).
    span: HashMap<GroupKey, (u32, u32)>,
}

impl GroupTree {
    /// Walks the hierarchy: top-level groups (no parent, or a parent that is no group of the
    /// plan) in document order, each followed by its descendants; groups caught in a parent
    /// cycle (unreachable from the top) after them, each as the root of what it reaches.
    pub fn new(plan: &Plan) -> Self {
        let mut first: HashMap<&GroupKey, usize> = HashMap::new();
        for (i, g) in plan.groups.iter().enumerate() {
            first.entry(&g.key).or_insert(i);
        }
        let mut children: HashMap<&GroupKey, Vec<usize>> = HashMap::new();
        let mut roots: Vec<usize> = Vec::new();
        for (i, g) in plan.groups.iter().enumerate() {
            if first.get(&g.key) != Some(&i) {
                continue;
            }
            match g.parent.as_ref().filter(|p| first.contains_key(p)) {
                Some(p) => children.entry(p).or_default().push(i),
                None => roots.push(i),
            }
        }
        let n = plan.groups.len();
        let mut visited = vec![false; n];
        let mut order: Vec<(usize, usize)> = Vec::with_capacity(n);
        let mut span: HashMap<GroupKey, (u32, u32)> = HashMap::with_capacity(n);
        let pos = |len: usize| u32::try_from(len).unwrap_or(u32::MAX);
        // Extra roots: groups left unvisited (parent cycles), in document order.
        let mut extra = (0..n).filter(|i| first.get(&plan.groups[*i].key) == Some(i));
        let mut next_roots = roots.into_iter();
        loop {
            let root = match next_roots.next() {
                Some(r) => r,
                None => match extra.by_ref().find(|i| !visited[*i]) {
                    Some(r) => r,
                    None => break,
                },
            };
            if visited[root] {
                continue;
            }
            // Stack of (group, depth, entered): a group is entered (pushed to `order`, its
            // children stacked in reverse) and later left (its subtree's end recorded).
            let mut stack: Vec<(usize, usize, bool)> = vec![(root, 0, false)];
            while let Some((g, depth, entered)) = stack.pop() {
                let Some(group) = plan.groups.get(g) else {
                    continue;
                };
                if entered {
                    if let Some(s) = span.get_mut(&group.key) {
                        s.1 = pos(order.len());
                    }
                    continue;
                }
                if visited[g] {
                    continue;
                }
                visited[g] = true;
                span.insert(group.key.clone(), (pos(order.len()), pos(order.len() + 1)));
                order.push((depth, g));
                stack.push((g, depth, true));
                if let Some(kids) = children.get(&group.key) {
                    for &c in kids.iter().rev() {
                        if !visited[c] {
                            stack.push((c, depth + 1, false));
                        }
                    }
                }
            }
        }
        GroupTree { order, span }
    }

    /// The groups depth-first with their depth: (depth, index into `plan.groups`).
    pub fn order(&self) -> &[(usize, usize)] {
        &self.order
    }

    /// The (position, subtree end) of a group in [`GroupTree::order`].
    pub fn span(&self, key: &GroupKey) -> Option<(u32, u32)> {
        self.span.get(key).copied()
    }

    /// Whether `key` is `root` or one of its descendants.
    pub fn is_under(&self, key: &GroupKey, root: &GroupKey) -> bool {
        if key == root {
            return true;
        }
        match (self.span(key), self.span(root)) {
            (Some((k, _)), Some((start, end))) => start <= k && k < end,
            _ => false,
        }
    }

    /// The indices (into `plan.groups`) of a group and its descendants, depth-first.
    pub fn subtree(&self, key: &GroupKey) -> &[(usize, usize)] {
        self.span(key)
            .and_then(|(s, e)| self.order.get(s as usize..e as usize))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::{Group, Location, PlanKind};

    fn group(key: &str, parent: Option<&str>) -> Group {
        Group {
            key: GroupKey::new(key),
            kind: shinchoku_core::GroupKind::Policy,
            parent: parent.map(GroupKey::new),
            label: String::new(),
            number: None,
            title: key.into(),
            location: Location::default(),
        }
    }

    #[test]
    fn depth_first_with_spans_and_cycles() {
        let mut plan = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        plan.groups = vec![
            group("1", None),
            group("1-1", Some("1")),
            group("2", None),
            group("1-2", Some("1")),
            group("1-1-1", Some("1-1")),
            group("x", Some("y")),
            group("y", Some("x")),
            group("o", Some("missing")),
        ];
        let t = GroupTree::new(&plan);
        let keys: Vec<(usize, &str)> = t
            .order()
            .iter()
            .map(|(d, i)| (*d, plan.groups[*i].key.as_str()))
            .collect();
        assert_eq!(
            keys,
            vec![
                (0, "1"),
                (1, "1-1"),
                (2, "1-1-1"),
                (1, "1-2"),
                (0, "2"),
                (0, "o"),
                (0, "x"),
                (1, "y")
            ]
        );
        assert!(t.is_under(&GroupKey::new("1-1-1"), &GroupKey::new("1")));
        assert!(!t.is_under(&GroupKey::new("2"), &GroupKey::new("1")));
        assert_eq!(t.subtree(&GroupKey::new("1")).len(), 4);
        assert_eq!(t.subtree(&GroupKey::new("nope")).len(), 0);
    }
}
