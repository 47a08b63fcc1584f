//! Doc comments from spec text: cleaned for rustdoc, one `#[doc]` attribute per line.

use proc_macro2::TokenStream;
use quote::quote;

/// Rewrites the pages' internal doc references to plain text: `[text](~~86952~~)` keeps
/// `text`, a bare `~~86952~~` becomes `(document 86952)`. They point at a help center, not at
/// anything rustdoc can link.
pub(crate) fn rewrite_doc_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("~~") {
        let after = &rest[start + 2..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !after[digits..].starts_with("~~") {
            out.push_str(&rest[..start + 2]);
            rest = after;
            continue;
        }
        let id = &after[..digits];
        let before = &rest[..start];
        let tail = &after[digits + 2..];
        // `[text](~~id~~)`: drop the link syntax around the text.
        if let (Some(open), true) = (before.rfind("]("), tail.starts_with(')'))
            && open + 2 == before.len()
            && let Some(bracket) = before[..open].rfind('[')
        {
            out.push_str(&before[..bracket]);
            out.push_str(&before[bracket + 1..open]);
            rest = &tail[1..];
            continue;
        }
        out.push_str(before);
        out.push_str(&format!("(document {id})"));
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Makes free text safe for rustdoc: no accidental intra-doc links (`[8,4096]`), HTML tags
/// (`<公共请求参数>`) or bare URLs.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in rewrite_doc_links(text).split_inclusive(char::is_whitespace) {
        let bare = word.trim_end();
        if bare.starts_with("http://") || bare.starts_with("https://") {
            out.push('<');
            out.push_str(bare);
            out.push('>');
            out.push_str(&word[bare.len()..]);
            continue;
        }
        for c in word.chars() {
            if matches!(c, '[' | ']' | '<' | '>') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Lines of documentation, built up and then emitted as `#[doc]` attributes.
#[derive(Default)]
pub(crate) struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// A paragraph of spec text (escaped), separated from what came before by a blank line.
    pub fn text(&mut self, text: &str) -> &mut Self {
        let escaped = escape_markdown(text.trim());
        if escaped.is_empty() {
            return self;
        }
        self.blank();
        self.lines.extend(escaped.lines().map(str::to_owned));
        self
    }

    /// A line of generator-written markdown, as is.
    pub fn line(&mut self, line: impl Into<String>) -> &mut Self {
        self.lines.push(line.into());
        self
    }

    /// A blank line, unless the doc is empty or already ends with one.
    pub fn blank(&mut self) -> &mut Self {
        if self.lines.last().is_some_and(|line| !line.is_empty()) {
            self.lines.push(String::new());
        }
        self
    }

    /// A fenced `text` block with `body` verbatim.
    pub fn code(&mut self, body: &str) -> &mut Self {
        self.blank();
        self.lines.push("```text".into());
        self.lines.extend(
            body.trim_end()
                .lines()
                .map(|line| line.replace('\t', "    ")),
        );
        self.lines.push("```".into());
        self
    }

    /// Outer attributes (`///`).
    pub fn outer(&self) -> TokenStream {
        let lines = self
            .lines
            .iter()
            .map(|line| format!(" {line}").trim_end().to_owned());
        quote! { #( #[doc = #lines] )* }
    }

    /// Inner attributes (`//!`).
    pub fn inner(&self) -> TokenStream {
        let lines = self
            .lines
            .iter()
            .map(|line| format!(" {line}").trim_end().to_owned());
        quote! { #( #![doc = #lines] )* }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_links_become_plain_text() {
        assert_eq!(
            rewrite_doc_links("见[上传地址](~~55407~~)。"),
            "见上传地址。"
        );
        assert_eq!(
            rewrite_doc_links("参见~~86952~~。"),
            "参见(document 86952)。"
        );
        assert_eq!(
            rewrite_doc_links("~~strike~~ and ~~1"),
            "~~strike~~ and ~~1"
        );
    }

    #[test]
    fn markdown_hazards_are_escaped() {
        assert_eq!(escape_markdown("取值[8,4096]"), "取值\\[8,4096\\]");
        assert_eq!(escape_markdown("&<公共请求参数>"), "&\\<公共请求参数\\>");
        assert_eq!(
            escape_markdown("see https://x.example/a ok"),
            "see <https://x.example/a> ok"
        );
    }
}
