//! The words of the `#[rpc(...)]` attribute, compared against paths without allocating.

use std::fmt;
use syn::{Ident, Path};

/// One attribute word.
#[derive(Clone, Copy)]
pub struct Symbol(&'static str);

/// The attribute itself: `#[rpc(...)]`.
pub const RPC: Symbol = Symbol("rpc");
/// Container key: path of the runtime crate.
pub const CRATE: Symbol = Symbol("crate");
/// Field key: wire name.
pub const NAME: Symbol = Symbol("name");
/// Field key: serialization style.
pub const STYLE: Symbol = Symbol("style");
/// Field key: do not send the field.
pub const SKIP: Symbol = Symbol("skip");

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
