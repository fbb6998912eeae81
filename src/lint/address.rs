//! Street addresses (門牌地址): a county or city, an optional district (區/鄉/鎮/市) and
//! village (里/村, 鄰), a road (路/街/大道), optional 段/巷/弄, and a house number
//! `N號` — then optional `之N`, `N樓`, `之N`.
//!
//! The county or city comes from the fixed list of Taiwan's 22 (and the pre-2010
//! counties), so 「臺北市政府」 is not a start; the house number is required, so
//! 「臺北市中正區」 or 「第4次」 alone are not addresses. Masked numbers (`○○號`) are not
//! numbers. The suggestion keeps the address up to the road: `臺北市中正區博愛路○○號`.

use super::text::{Chars, is_cjk};
use super::{Hit, Kind};

const CITIES: &[&str] = &[
    "臺北市",
    "台北市",
    "新北市",
    "桃園市",
    "臺中市",
    "台中市",
    "臺南市",
    "台南市",
    "高雄市",
    "基隆市",
    "新竹市",
    "嘉義市",
    "新竹縣",
    "苗栗縣",
    "彰化縣",
    "南投縣",
    "雲林縣",
    "嘉義縣",
    "屏東縣",
    "宜蘭縣",
    "花蓮縣",
    "臺東縣",
    "台東縣",
    "澎湖縣",
    "金門縣",
    "連江縣",
    "桃園縣",
    "臺北縣",
    "台北縣",
    "臺中縣",
    "台中縣",
    "臺南縣",
    "台南縣",
    "高雄縣",
];

/// The first characters of [`CITIES`], to skip most positions quickly.
const CITY_FIRST: &str = "臺台新桃高基嘉苗彰南雲屏宜花澎金連";

/// Characters that end a part of an address and so cannot be inside a name.
const MARKERS: &str = "號巷弄段樓鄰之";

fn name_char(c: char) -> bool {
    is_cjk(c) && !MARKERS.contains(c)
}

fn numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百".contains(c)
}

/// A number (digits or Chinese numerals) at `i` followed by `unit`: the index after.
fn numbered(c: &Chars, i: usize, unit: char) -> Option<usize> {
    let n = c.run(i, numeral);
    (n > 0 && c.get(i + n) == Some(unit)).then_some(i + n + 1)
}

/// `numbered`, but optional: returns `i` when absent.
fn opt(c: &Chars, i: usize, unit: char) -> usize {
    numbered(c, i, unit).unwrap_or(i)
}

/// Ends of a name of 1..=max characters at `i` followed by one of `ends`.
fn named(c: &Chars, i: usize, max: usize, ends: &[&str]) -> Vec<usize> {
    let n = c.run(i, name_char).min(max);
    (1..=n)
        .filter_map(|k| c.word_at(i + k, ends).map(|w| i + k + w))
        .collect()
}

/// `之N` at `j` (a sub-number): the index after, or `j`.
fn sub_number(c: &Chars, j: usize) -> usize {
    match (c.get(j), c.run(j + 1, numeral)) {
        (Some('之'), n) if n > 0 => j + 1 + n,
        _ => j,
    }
}

/// From the end of a road: 段, 巷, 弄, then the house number `N號` / `N之M號`
/// (required), then `之N`, `N樓` or `NF`, `之N`. The end index.
fn house_number(c: &Chars, road_end: usize) -> Option<usize> {
    let mut j = opt(c, road_end, '段');
    j = opt(c, j, '巷');
    j = opt(c, j, '弄');
    let n = c.run(j, numeral);
    let k = sub_number(c, j + n);
    if n == 0 || c.get(k) != Some('號') {
        return None;
    }
    j = sub_number(c, k + 1);
    j = numbered(c, j, '樓').or_else(|| numbered(c, j, 'F')).unwrap_or(j);
    Some(sub_number(c, j))
}

/// The address starting with a city name at `i`: (road end, address end).
fn address_at(c: &Chars, i: usize) -> Option<(usize, usize)> {
    let city_end = i + c.word_at(i, CITIES)?;
    let mut districts = named(c, city_end, 3, &["區", "鄉", "鎮", "市"]);
    districts.push(city_end);
    for d in districts {
        let mut villages = named(c, d, 3, &["里", "村"]);
        villages.push(d);
        for v in villages {
            let v = opt(c, v, '鄰');
            for road_end in named(c, v, 6, &["大道", "路", "街"]) {
                if let Some(end) = house_number(c, road_end) {
                    return Some((road_end, end));
                }
            }
        }
    }
    None
}

/// Every street address in a chunk.
pub(crate) fn scan(c: &Chars, out: &mut Vec<Hit>) {
    let mut i = 0;
    while i < c.len() {
        let first = c.get(i).is_some_and(|ch| CITY_FIRST.contains(ch));
        let Some((road_end, end)) = first.then(|| address_at(c, i)).flatten() else {
            i += 1;
            continue;
        };
        let key: String = (i..end)
            .filter_map(|k| c.get(k))
            .filter(|ch| !ch.is_whitespace())
            .map(|ch| if ch == '台' { '臺' } else { ch })
            .collect();
        out.push(Hit {
            start: c.byte(i),
            end: c.byte(end),
            kind: Kind::HomeAddress,
            suggestion: format!("{}○○號", c.slice(i, road_end)),
            key,
        });
        i = end;
    }
}
