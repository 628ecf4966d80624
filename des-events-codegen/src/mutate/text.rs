//! The text of a mutant without re-serializing the example: the example is written
//! once, as `serde_json::Value::to_string` writes it, with the byte span of every node;
//! a mutant's text is that text with one span rewritten. The result is exactly the text
//! of the mutated value (`serde_json`'s compact form is the concatenation of its parts),
//! including the order `serde_json::Map` leaves after an edit: `insert` of a new key
//! appends it, `remove` moves the last member into the removed one's place.

use des_events_core::path::Segment;
use serde_json::Value;

/// One change to the example.
pub(super) enum Edit<'v> {
    /// The node becomes this value.
    Replace(&'v Value),
    /// The object loses this member (`Map::remove`).
    Remove(&'v str),
    /// The object gets this member (`Map::insert`: replaced in place if present).
    Insert(&'v str, &'v Value),
    /// The array gets this item at its end.
    Push(&'v Value),
}

/// The compact text of an example and where each of its nodes is.
pub(super) struct Layout {
    text: String,
    root: Node,
}

/// A node's span in the text, and its children's.
struct Node {
    start: usize,
    end: usize,
    children: Children,
}

enum Children {
    None,
    /// Each member: its key, where its `"key":` starts, and its value.
    Object(Vec<(String, usize, Node)>),
    Array(Vec<Node>),
}

impl Layout {
    /// Writes `value`.
    pub(super) fn new(value: &Value) -> Layout {
        let mut text = String::new();
        let root = write(value, &mut text);
        Layout { text, root }
    }

    /// The example's own text.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The text after `edit` of the node at `path`, or `None` if there is no such node.
    /// An edit that does not apply to the node's kind (a member removed from a string)
    /// leaves the text as it is, as it leaves the value.
    pub(super) fn edited(&self, path: &[Segment], edit: Edit<'_>) -> Option<String> {
        let node = self.find(path)?;
        let (before, after) = (&self.text[..node.start], &self.text[node.end..]);
        let mut out = String::with_capacity(self.text.len() + 32);
        out.push_str(before);
        match (edit, &node.children) {
            (Edit::Replace(value), _) => out.push_str(&value.to_string()),
            (Edit::Remove(key), Children::Object(members)) => {
                match members.iter().position(|(name, _, _)| name == key) {
                    Some(index) => {
                        let mut order: Vec<usize> = (0..members.len()).collect();
                        order.swap_remove(index);
                        out.push('{');
                        for (position, &member) in order.iter().enumerate() {
                            if position > 0 {
                                out.push(',');
                            }
                            let (_, key_start, value) = &members[member];
                            out.push_str(&self.text[*key_start..value.end]);
                        }
                        out.push('}');
                    }
                    None => out.push_str(self.span(node)),
                }
            }
            (Edit::Insert(key, value), Children::Object(members)) => {
                match members.iter().find(|(name, _, _)| name == key) {
                    Some((_, _, present)) => {
                        out.push_str(&self.text[node.start..present.start]);
                        out.push_str(&value.to_string());
                        out.push_str(&self.text[present.end..node.end]);
                    }
                    None => {
                        out.push_str(&self.text[node.start..node.end - 1]);
                        if !members.is_empty() {
                            out.push(',');
                        }
                        out.push_str(&Value::from(key).to_string());
                        out.push(':');
                        out.push_str(&value.to_string());
                        out.push('}');
                    }
                }
            }
            (Edit::Push(value), Children::Array(items)) => {
                out.push_str(&self.text[node.start..node.end - 1]);
                if !items.is_empty() {
                    out.push(',');
                }
                out.push_str(&value.to_string());
                out.push(']');
            }
            _ => out.push_str(self.span(node)),
        }
        out.push_str(after);
        Some(out)
    }

    fn span(&self, node: &Node) -> &str {
        &self.text[node.start..node.end]
    }

    /// The node at `path`, found as `Value::pointer` finds it.
    fn find(&self, path: &[Segment]) -> Option<&Node> {
        let mut node = &self.root;
        for segment in path {
            node = match (&node.children, segment) {
                (Children::Object(members), Segment::Key(key)) => {
                    &members.iter().find(|(name, _, _)| name == key)?.2
                }
                (Children::Object(members), Segment::Index(index)) => {
                    let key = index.to_string();
                    &members.iter().find(|(name, _, _)| *name == key)?.2
                }
                (Children::Array(items), Segment::Index(index)) => items.get(*index)?,
                (Children::Array(items), Segment::Key(key)) => items.get(array_index(key)?)?,
                (Children::None, _) => return None,
            };
        }
        Some(node)
    }
}

/// An RFC 6901 array index as `Value::pointer` reads it: digits, no leading zero.
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

/// Appends `value` in `serde_json`'s compact form and returns its layout.
fn write(value: &Value, out: &mut String) -> Node {
    let start = out.len();
    let children = match value {
        Value::Object(members) => {
            out.push('{');
            let mut nodes = Vec::with_capacity(members.len());
            for (position, (key, member)) in members.iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                let key_start = out.len();
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(':');
                nodes.push((key.clone(), key_start, write(member, out)));
            }
            out.push('}');
            Children::Object(nodes)
        }
        Value::Array(items) => {
            out.push('[');
            let mut nodes = Vec::with_capacity(items.len());
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                nodes.push(write(item, out));
            }
            out.push(']');
            Children::Array(nodes)
        }
        leaf => {
            out.push_str(&leaf.to_string());
            Children::None
        }
    };
    Node {
        start,
        end: out.len(),
        children,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Every edit of every node gives the text of the edited value.
    #[test]
    fn edits_match_the_edited_value() {
        let example = json!({
            "event": "e",
            "message": {"a": [1, {"b~/": "x\"y"}], "c": {}, "d": [], "e": null, "f": 1.5, "g": "é"},
            "z": true
        });
        let layout = Layout::new(&example);
        assert_eq!(layout.text(), example.to_string());
        let mut paths = Vec::new();
        collect(&example, &mut Vec::new(), &mut paths);
        let replacement = json!({"n": [7]});
        for path in &paths {
            let pointer = des_events_core::Path::new(path.clone()).pointer();
            type Change = Box<dyn Fn(&mut Value)>;
            let edits: Vec<(Edit<'_>, Change)> = vec![
                (
                    Edit::Replace(&replacement),
                    Box::new(|value| *value = json!({"n": [7]})),
                ),
                (
                    Edit::Remove("a"),
                    Box::new(|value| {
                        if let Some(object) = value.as_object_mut() {
                            object.remove("a");
                        }
                    }),
                ),
                (
                    Edit::Remove("event"),
                    Box::new(|value| {
                        if let Some(object) = value.as_object_mut() {
                            object.remove("event");
                        }
                    }),
                ),
                (
                    Edit::Insert("c", &replacement),
                    Box::new(|value| {
                        if let Some(object) = value.as_object_mut() {
                            object.insert("c".into(), json!({"n": [7]}));
                        }
                    }),
                ),
                (
                    Edit::Insert("new", &replacement),
                    Box::new(|value| {
                        if let Some(object) = value.as_object_mut() {
                            object.insert("new".into(), json!({"n": [7]}));
                        }
                    }),
                ),
                (
                    Edit::Push(&replacement),
                    Box::new(|value| {
                        if let Some(items) = value.as_array_mut() {
                            items.push(json!({"n": [7]}));
                        }
                    }),
                ),
            ];
            for (edit, change) in edits {
                let mut expected = example.clone();
                if let Some(target) = expected.pointer_mut(&pointer) {
                    change(target);
                }
                assert_eq!(
                    layout.edited(path, edit).as_deref(),
                    Some(expected.to_string().as_str()),
                    "at {pointer}"
                );
            }
        }
        assert_eq!(
            layout.edited(&[Segment::Key("nope".into())], Edit::Push(&json!(1))),
            None
        );
    }

    fn collect(value: &Value, path: &mut Vec<Segment>, out: &mut Vec<Vec<Segment>>) {
        out.push(path.clone());
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    path.push(Segment::Key(key.clone()));
                    collect(member, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(Segment::Index(index));
                    collect(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}
