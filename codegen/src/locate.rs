//! Where each key and value of a YAML file is: JSON pointer -> line and column.
//!
//! serde_yaml gives values without positions; yaml-rust2's event parser gives positions without
//! serde. This walks the events once and records, for every pointer into the document, where
//! its key and its value start, so every later check can point at the offending text.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

impl From<Marker> for Position {
    fn from(marker: Marker) -> Self {
        // yaml-rust2 markers count lines from 1 and columns from 0.
        Position {
            line: marker.line(),
            column: marker.col() + 1,
        }
    }
}

/// Positions of one document's keys and values, by JSON pointer (`/request/parameters/0/name`).
#[derive(Debug, Default)]
pub(crate) struct SourceIndex {
    keys: BTreeMap<String, Position>,
    values: BTreeMap<String, Position>,
    /// Keys given twice in one mapping (YAML parsers keep the last silently), by pointer.
    duplicates: Vec<(String, Position)>,
}

/// Escapes one JSON-pointer segment (RFC 6901).
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl SourceIndex {
    /// Indexes `text`; a YAML syntax error leaves the index partial (serde_yaml reports it).
    pub fn new(text: &str) -> Self {
        let mut builder = Builder::default();
        // A syntax error is reported by serde_yaml with its own position; the events up to it
        // are still useful, so the result is ignored on purpose.
        let _ = Parser::new_from_str(text).load(&mut builder, false);
        builder.index
    }

    /// Where the value at `pointer` starts, or the nearest enclosing value that exists.
    pub fn value(&self, pointer: &str) -> Position {
        self.lookup(&self.values, pointer)
    }

    /// Keys given twice in one mapping, each with where the repetition is.
    pub fn duplicate_keys(&self) -> &[(String, Position)] {
        &self.duplicates
    }

    /// Where the key of the member at `pointer` starts (falls back to its value).
    pub fn key(&self, pointer: &str) -> Position {
        self.keys
            .get(pointer)
            .copied()
            .unwrap_or_else(|| self.value(pointer))
    }

    fn lookup(&self, map: &BTreeMap<String, Position>, pointer: &str) -> Position {
        let mut pointer = pointer;
        loop {
            if let Some(position) = map.get(pointer) {
                return *position;
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => return Position { line: 1, column: 1 },
            }
        }
    }
}

enum Frame {
    Mapping {
        pointer: String,
        key: Option<String>,
        first: bool,
    },
    Sequence {
        pointer: String,
        next: usize,
    },
}

#[derive(Default)]
struct Builder {
    index: SourceIndex,
    stack: Vec<Frame>,
}

impl Builder {
    /// The pointer of the value that starts now, or `None` when a mapping key starts instead.
    fn next_value_pointer(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Mapping { pointer, key, .. }) => {
                key.take().map(|key| format!("{pointer}/{key}"))
            }
            Some(Frame::Sequence { pointer, next }) => {
                *next += 1;
                Some(format!("{pointer}/{}", *next - 1))
            }
        }
    }

    fn start(&mut self, mark: Marker) -> String {
        match self.next_value_pointer() {
            Some(pointer) => {
                self.index
                    .values
                    .entry(pointer.clone())
                    .or_insert(mark.into());
                pointer
            }
            // A complex (non-scalar) key: its contents are indexed under a placeholder.
            None => "/?".to_owned(),
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, ..) => {
                if let Some(Frame::Mapping {
                    pointer,
                    key: key @ None,
                    first,
                }) = self.stack.last_mut()
                {
                    // A block mapping's start event is marked after its first key; the key is
                    // where a reader sees the mapping begin.
                    if std::mem::take(first) {
                        self.index.values.insert(pointer.clone(), mark.into());
                    }
                    let escaped = escape(&text);
                    let member = format!("{pointer}/{escaped}");
                    match self.index.keys.entry(member) {
                        Entry::Occupied(first) => {
                            self.index
                                .duplicates
                                .push((first.key().clone(), mark.into()));
                        }
                        Entry::Vacant(slot) => {
                            slot.insert(mark.into());
                        }
                    }
                    *key = Some(escaped);
                } else {
                    self.start(mark);
                }
            }
            Event::Alias(_) => {
                self.start(mark);
            }
            Event::MappingStart(..) => {
                let pointer = self.start(mark);
                self.stack.push(Frame::Mapping {
                    pointer,
                    key: None,
                    first: true,
                });
            }
            Event::SequenceStart(..) => {
                let pointer = self.start(mark);
                self.stack.push(Frame::Sequence { pointer, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_are_located() {
        let index = SourceIndex::new("a: 1\nlist:\n  - name: x\n    type: string\n");
        assert_eq!(index.key("/a"), Position { line: 1, column: 1 });
        assert_eq!(index.value("/a"), Position { line: 1, column: 4 });
        assert_eq!(index.key("/list/0/type"), Position { line: 4, column: 5 });
        assert_eq!(
            index.value("/list/0/type"),
            Position {
                line: 4,
                column: 11
            }
        );
        // Missing members fall back to their parent.
        assert_eq!(index.value("/list/0/missing"), index.value("/list/0"));
        assert_eq!(index.value("/list/0"), Position { line: 3, column: 5 });
        assert_eq!(index.value(""), Position { line: 1, column: 1 });
        assert!(index.duplicate_keys().is_empty());
    }

    #[test]
    fn duplicate_keys_are_found() {
        let index = SourceIndex::new("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n");
        let found: Vec<(&str, usize)> = index
            .duplicate_keys()
            .iter()
            .map(|(p, at)| (p.as_str(), at.line))
            .collect();
        assert_eq!(found, [("/b/c", 4), ("/a", 5)]);
    }
}
