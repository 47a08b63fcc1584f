//! RPC query serialization: the target of `#[derive(RpcQuery)]`.
//! (Contract stub; the full writer and style traits land with the derive.)

/// Collects the `key=value` pairs of one request, in the order they are written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryWriter {
    pairs: Vec<(String, String)>,
}

impl QueryWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one pair.
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((key.into(), value.into()));
    }

    /// The pairs written so far, unsorted (signing sorts them).
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs
    }
}

/// A type whose fields become the query parameters of a request.
pub trait ToQuery {
    /// Writes every set field as wire pairs.
    fn write_query(&self, writer: &mut QueryWriter);

    /// The request's pairs, in field order.
    fn to_query_pairs(&self) -> Vec<(String, String)> {
        let mut writer = QueryWriter::new();
        self.write_query(&mut writer);
        writer.into_pairs()
    }
}
