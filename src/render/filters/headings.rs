//! `{{ html | shift_headings(n) }}`: every heading of a Markdown body `n` levels lower
//! (`<h2>` → `<h3>` for `n = 1`), at most `<h6>`, in one pass over the HTML. The prose
//! macro used ten chained `replace` filters per level instead, copying each body ten
//! times per page.

/// `<hN` and `</hN>` with N in 1..=5 → level `min(N + by, 6)`. Other tags, text (whose `<`
/// the Markdown renderer has escaped) and `<h6>` stay as they are; `by <= 0` changes nothing.
pub(super) fn shift_headings(html: &str, by: i64) -> String {
    if by <= 0 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let b = tail.as_bytes();
        let open = if b.starts_with(b"</h") { 3 } else { 2 };
        let is_heading = b.starts_with(b"<h") || b.starts_with(b"</h");
        match b.get(open) {
            Some(d @ b'1'..=b'5') if is_heading && (open == 2 || b.get(4) == Some(&b'>')) => {
                let level = (i64::from(d - b'0') + by).min(6);
                out.push_str(&tail[..open]);
                out.push_str(&level.to_string());
                rest = &tail[open + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::shift_headings;

    /// The ten `replace` filters the prose macro applied per level, as the reference.
    fn by_replace(html: &str, by: i64) -> String {
        let mut h = html.to_string();
        for _ in 0..by.max(0) {
            for n in (1..=5).rev() {
                h = h
                    .replace(&format!("<h{n}"), &format!("<h{}", n + 1))
                    .replace(&format!("</h{n}>"), &format!("</h{}>", n + 1));
            }
        }
        h
    }

    #[test]
    fn shifts_like_the_chained_replaces() {
        let html = "<h1>會議紀錄</h1>\n<h2 id=\"a\">報告事項</h2>\n<p>一、&lt;h2&gt; 不是標題</p>\n\
                    <h3>案由</h3><h5>附件</h5><h6>備註</h6><hr>\n<header>頁首</header>\n</h\n<";
        for by in -1..=6 {
            assert_eq!(shift_headings(html, by), by_replace(html, by), "by {by}");
        }
        assert_eq!(shift_headings("<h2>決議</h2>", 1), "<h3>決議</h3>");
        assert_eq!(shift_headings("<h4>說明</h4>", 5), "<h6>說明</h6>");
    }
}
