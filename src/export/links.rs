//! URLs and dates in the forms the exports publish: absolute URLs from `base_url` with
//! non-ASCII paths percent-encoded (file names may be Chinese), stable record ids, and
//! RFC 3339 times for feeds and OC4IDS.
//!
//! One place builds every URL so the JSON API, CSV, OC4IDS, feeds and the sitemap can
//! never disagree on where a page or file lives.

use chrono::NaiveDate;

use crate::model::{Platform, Site};

/// The site's base URL, absolute and ending in `/`. A site without an absolute
/// `base_url` (site.yaml may omit it) gets `http://localhost/…` so that feeds, the
/// sitemap and OC4IDS stay well-formed; docs/open-data.md asks agencies to set it.
pub fn base(site: &Site) -> String {
    absolute_base(&site.config.base_url)
}

/// `base_url` as an absolute URI: `http://localhost/…` when it is a bare path, and
/// percent-encoded (a path like `/透明/` is legal in site.yaml, not in a URI).
fn absolute_base(b: &str) -> String {
    if b.starts_with("http://") || b.starts_with("https://") {
        encode(b)
    } else {
        encode(&format!("http://localhost/{}", b.trim_start_matches('/')))
    }
}

/// Absolute URL of a site-relative path (`platforms/x/`, `api/v1/index.json`).
pub fn url(site: &Site, path: &str) -> String {
    format!("{}{}", base(site), encode_path(path))
}

/// Percent-encode a site-relative path: like [`encode`], and `%`, `?`, `#`, `[`, `]` too,
/// since in a file name (`files/會議#1 100%.pdf`) they are letters, not URL syntax.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/@!$&'()*+,;=".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Absolute URL of a platform page, optionally at an anchor (`qa`, `risks`).
pub fn platform_page(site: &Site, slug: &str, anchor: Option<&str>) -> String {
    let page = url(site, &format!("platforms/{slug}/"));
    match anchor {
        Some(a) => format!("{page}#{a}"),
        None => page,
    }
}

/// Absolute URL of a meeting page.
pub fn meeting_page(site: &Site, slug: &str, name: &str) -> String {
    url(site, &format!("platforms/{slug}/meetings/{name}/"))
}

/// Absolute URL of a published document file of a platform.
pub fn file(site: &Site, p: &Platform, rel: &str) -> String {
    url(site, &format!("platforms/{}/{rel}", p.slug))
}

/// Percent-encode what may not stand in a URI (non-ASCII, spaces, quotes, `<>` …),
/// leaving reserved characters and valid escapes as they are. Agencies' own URLs (already
/// checked to be http(s)) pass through this too, so every URL we publish is a valid
/// RFC 3986 URI: a `%` not starting an escape, a second `#`, and `[`/`]` outside the
/// host (an IPv6 literal) are escaped as well, as URI validators (OC4IDS's `format: uri`)
/// reject them.
pub fn encode(s: &str) -> String {
    let host = authority(s);
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut fragment = false;
    for (i, &b) in bytes.iter().enumerate() {
        let keep = match b {
            b'%' => bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
            b'#' => !std::mem::replace(&mut fragment, true),
            b'[' | b']' => host.contains(&i),
            _ => b.is_ascii_alphanumeric() || b"-._~:/?@!$&'()*+,;=".contains(&b),
        };
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The byte range of the authority (`user@host:port`) of `scheme://authority/…`, empty
/// for a relative path.
fn authority(s: &str) -> std::ops::Range<usize> {
    let Some(p) = s.find("://") else { return 0..0 };
    if p == 0 || !s[..p].bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) {
        return 0..0;
    }
    let from = p + 3;
    let len = s[from..].find(['/', '?', '#']).unwrap_or(s.len() - from);
    from..from + len
}

/// A calendar date as an RFC 3339 time: midnight in Taiwan (UTC+8).
pub fn rfc3339(d: NaiveDate) -> String {
    format!("{d}T00:00:00+08:00")
}

/// A globally unique, stable URI for a record id (`meeting:x/y`): a `tag:` URI
/// (RFC 4151) minted from the host and path of `base_url`. The date is fixed (2020, the
/// year the OGP commitment on integrity platforms was made), so ids never change.
pub fn tag(site: &Site, record_id: &str) -> String {
    let b = base(site);
    let rest = b.split_once("://").map_or(b.as_str(), |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.split(':').next().unwrap_or(host);
    format!("tag:{host},2020:/{}{}", encode(path), encode(record_id))
}

/// `example.gov.tw` → `example-gov-tw`: a publisher prefix made from the host.
pub fn host_prefix(site: &Site) -> String {
    let b = base(site);
    let rest = b.split_once("://").map_or(b.as_str(), |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or(rest);
    host.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_escapes_non_ascii_and_spaces_but_keeps_reserved() {
        assert_eq!(encode("files/計畫 書.pdf"), "files/%E8%A8%88%E7%95%AB%20%E6%9B%B8.pdf");
        assert_eq!(encode("https://a.tw/x?y=1&z=%20#f"), "https://a.tw/x?y=1&z=%20#f");
        assert_eq!(encode("a\"b<c>"), "a%22b%3Cc%3E");
    }

    #[test]
    fn issue_5_agency_urls_become_valid_uris() {
        // Each of these passes the content loader (http(s), no spaces) but is not an
        // RFC 3986 URI as written; libcoveoc4ids reported `Invalid 'uri' found`.
        assert_eq!(
            encode("https://a.tw/q?ids[0]=1&x=[y]"),
            "https://a.tw/q?ids%5B0%5D=1&x=%5By%5D"
        );
        assert_eq!(encode("https://a.tw/100%zz/50%"), "https://a.tw/100%25zz/50%25");
        assert_eq!(encode("https://a.tw/p#top#sec"), "https://a.tw/p#top%23sec");
        assert_eq!(encode("https://a.tw/a|b^c`d{e}"), "https://a.tw/a%7Cb%5Ec%60d%7Be%7D");
        // What is valid stays as it is: an IPv6 host, escapes, reserved characters.
        assert_eq!(encode("http://[::1]:8080/a%2Fb?x=1#f"), "http://[::1]:8080/a%2Fb?x=1#f");
        assert_eq!(encode("mailto:ethics@a.gov.tw"), "mailto:ethics@a.gov.tw");
        // A site-relative path has no host: brackets are escaped there too.
        assert_eq!(encode("files/[草案].pdf"), "files/%5B%E8%8D%89%E6%A1%88%5D.pdf");
    }

    #[test]
    fn issue_5_a_non_ascii_base_url_is_encoded() {
        assert_eq!(
            absolute_base("https://a.gov.tw/透明/"),
            "https://a.gov.tw/%E9%80%8F%E6%98%8E/"
        );
        assert_eq!(absolute_base("/zone/"), "http://localhost/zone/");
        assert_eq!(absolute_base("https://a.gov.tw/zone/"), "https://a.gov.tw/zone/");
    }

    #[test]
    fn issue_5_a_file_name_is_all_path() {
        // `#`, `?` and `%` in a file name are letters: the URL must point at that file.
        assert_eq!(
            encode_path("files/會議#1 100%.txt"),
            "files/%E6%9C%83%E8%AD%B0%231%20100%25.txt"
        );
        assert_eq!(encode_path("files/q?.txt"), "files/q%3F.txt");
        assert_eq!(
            encode_path("platforms/a-b/meetings/2021-05-11-x/"),
            "platforms/a-b/meetings/2021-05-11-x/"
        );
    }

    #[test]
    fn rfc3339_is_midnight_taipei() {
        let d: NaiveDate = "2021-05-11".parse().unwrap();
        assert_eq!(rfc3339(d), "2021-05-11T00:00:00+08:00");
    }
}
