//! `d/facets.bin`: the facet values of every document in one small file, so that a first
//! query can count and filter all of its results with one request whatever their number.
//!
//! Layout: the labels (`varint nkeys`, per key `str key`, `varint n`, `n × str value`), then
//! `varint ncols` columns. A column covers one or more keys (`varint nk`, `nk × varint key
//! index`); it lists the distinct tuples of value sets its documents have (`varint ntuples`,
//! per tuple and key `varint len`, `len × varint value index`; most frequent first), then the
//! tuple number of every document, whichever is smaller: `0`, `varint bits` and `bits` bits
//! per document, packed from the low bit of the first byte (`⌈docs · bits / 8⌉` bytes); or
//! `1`, `varint nruns` and runs of `(varint length, varint tuple)` (documents are in URL order,
//! so a platform's pages make runs).
//!
//! Keys that go together (a platform's agency, supervising agency, case type and status) are
//! stored as one column: the keys are split into the columns that need the fewest bits in
//! all, trying every partition of the keys (at most [`MAX_PARTITIONED`] keys; further keys get
//! a column each).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use super::docs::{facet_values, put_packed};
use crate::search::SearchRecord;
use crate::search::codec::{put_str, put_varint};

/// Keys up to which every partition into columns is tried (Bell(7) = 877 partitions).
const MAX_PARTITIONED: usize = 7;

/// Value sets of one key per document: indices into the key's labels, sorted.
type KeyColumn = Vec<Vec<u32>>;

/// The facets file of `recs` (in document order) for the facet `keys`.
pub(super) fn facets_file(recs: &[&SearchRecord], keys: &[String]) -> Vec<u8> {
    let fv: Vec<BTreeMap<String, Vec<String>>> = recs.iter().map(|r| facet_values(r)).collect();
    let mut labels: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); keys.len()];
    for f in &fv {
        for (i, k) in keys.iter().enumerate() {
            labels[i].extend(f.get(k).into_iter().flatten().map(String::as_str));
        }
    }
    let mut out = Vec::new();
    put_varint(&mut out, keys.len() as u64);
    for (k, vs) in keys.iter().zip(&labels) {
        put_str(&mut out, k);
        put_varint(&mut out, vs.len() as u64);
        vs.iter().for_each(|v| put_str(&mut out, v));
    }
    let cols: Vec<KeyColumn> = keys
        .iter()
        .zip(&labels)
        .map(|(k, vs)| {
            let index: HashMap<&str, u32> = vs.iter().enumerate().map(|(i, v)| (*v, i as u32)).collect();
            fv.iter()
                .map(|f| {
                    f.get(k)
                        .map_or(vec![], |v| v.iter().map(|x| index[x.as_str()]).collect())
                })
                .collect()
        })
        .collect();
    let groups = best_partition(&cols, recs.len());
    put_varint(&mut out, groups.len() as u64);
    for g in groups {
        put_column(&mut out, &cols, &g);
    }
    out
}

/// The distinct tuples of the keys `g` (most frequent first, then by value) and each
/// document's tuple number.
fn tuples<'a>(cols: &'a [KeyColumn], g: &[usize], docs: usize) -> (Vec<Vec<&'a [u32]>>, Vec<u32>) {
    let mut count: HashMap<Vec<&[u32]>, usize> = HashMap::new();
    for t in (0..docs).map(|d| tuple_of(cols, g, d)) {
        *count.entry(t).or_default() += 1;
    }
    let mut list: Vec<(Vec<&[u32]>, usize)> = count.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let number: HashMap<&Vec<&[u32]>, u32> = list.iter().enumerate().map(|(i, (t, _))| (t, i as u32)).collect();
    let per_doc = (0..docs).map(|d| number[&tuple_of(cols, g, d)]).collect();
    (list.iter().map(|(t, _)| t.clone()).collect(), per_doc)
}

/// The value sets of the keys `g` of document `d`.
fn tuple_of<'a>(cols: &'a [KeyColumn], g: &[usize], d: usize) -> Vec<&'a [u32]> {
    g.iter().map(|&k| &cols[k][d][..]).collect()
}

/// Bits needed for `n` distinct values (0 for one or none).
fn bits_for(n: usize) -> u32 {
    if n <= 1 {
        0
    } else {
        usize::BITS - (n - 1).leading_zeros()
    }
}

/// Bytes a column of the keys `g` takes (tuple list estimated at 2 bytes per value; the
/// smaller of packed bits and runs, runs estimated at 3 bytes).
fn column_cost(cols: &[KeyColumn], g: &[usize], docs: usize) -> usize {
    let mut seen: HashSet<Vec<&[u32]>> = HashSet::new();
    let mut values = 0;
    let mut runs = 0;
    let mut last: Option<Vec<&[u32]>> = None;
    for t in (0..docs).map(|d| tuple_of(cols, g, d)) {
        let n: usize = t.iter().map(|s| s.len() + 1).sum();
        if last.as_ref() != Some(&t) {
            runs += 1;
            last = Some(t.clone());
        }
        if seen.insert(t) {
            values += n;
        }
    }
    ((docs * bits_for(seen.len()) as usize).div_ceil(8)).min(3 * runs) + 2 * values
}

/// The partition of the keys into columns with the smallest total size.
fn best_partition(cols: &[KeyColumn], docs: usize) -> Vec<Vec<usize>> {
    let n = cols.len().min(MAX_PARTITIONED);
    let group = |mask: usize| (0..n).filter(|k| mask >> k & 1 == 1).collect::<Vec<usize>>();
    // The size of a column of every subset of the keys (index: the subset as a bit mask).
    let cost: Vec<usize> = (0..1usize << n)
        .into_par_iter()
        .map(|mask| {
            if mask == 0 {
                0
            } else {
                column_cost(cols, &group(mask), docs)
            }
        })
        .collect();
    let mask = |g: &[usize]| g.iter().fold(0usize, |m, k| m | 1 << k);
    let mut groups = partitions(n)
        .into_iter()
        .min_by_key(|p| p.iter().map(|g| cost[mask(g)]).sum::<usize>())
        .unwrap_or_default();
    groups.extend((n..cols.len()).map(|k| vec![k]));
    groups
}

/// Every partition of `0..n` into groups (each group sorted, groups by first element).
fn partitions(n: usize) -> Vec<Vec<Vec<usize>>> {
    let mut out: Vec<Vec<Vec<usize>>> = vec![vec![]];
    for k in 0..n {
        let mut next = Vec::new();
        for p in out {
            for i in 0..p.len() {
                let mut q = p.clone();
                q[i].push(k);
                next.push(q);
            }
            let mut q = p;
            q.push(vec![k]);
            next.push(q);
        }
        out = next;
    }
    out
}

/// One column: its keys, its tuples, the packed tuple numbers.
fn put_column(out: &mut Vec<u8>, cols: &[KeyColumn], g: &[usize]) {
    let docs = cols.first().map_or(0, |c| c.len());
    let (list, per_doc) = tuples(cols, g, docs);
    put_varint(out, g.len() as u64);
    g.iter().for_each(|&k| put_varint(out, k as u64));
    put_varint(out, list.len() as u64);
    for t in &list {
        for set in t {
            put_varint(out, set.len() as u64);
            set.iter().for_each(|&v| put_varint(out, v as u64));
        }
    }
    let bits = bits_for(list.len());
    let mut packed = vec![0u8];
    put_varint(&mut packed, bits as u64);
    let vals: Vec<u64> = per_doc.iter().map(|&t| t as u64).collect();
    put_packed(&mut packed, &vals, bits);
    let mut runs = vec![1u8];
    let rl: Vec<&[u32]> = per_doc.chunk_by(|a, b| a == b).collect();
    put_varint(&mut runs, rl.len() as u64);
    for r in rl {
        put_varint(&mut runs, r.len() as u64);
        put_varint(&mut runs, r[0] as u64);
    }
    out.extend_from_slice(if runs.len() < packed.len() { &runs } else { &packed });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_are_counted_by_bell_numbers() {
        let bell = [1, 1, 2, 5, 15, 52, 203];
        for (n, b) in bell.iter().enumerate() {
            assert_eq!(partitions(n).len(), *b, "n = {n}");
        }
    }

    #[test]
    fn keys_that_go_together_share_a_column() {
        // Agency decides its supervising ministry: one column of 2 tuples (1 bit) beats two.
        let agency: KeyColumn = (0..64).map(|d| vec![(d % 2) as u32]).collect();
        let parent = agency.clone();
        let year: KeyColumn = (0..64).map(|d| vec![(d % 5) as u32]).collect();
        let p = best_partition(&[agency, parent, year], 64);
        assert_eq!(p, vec![vec![0, 1], vec![2]]);
    }

    #[test]
    fn bits_for_tuple_counts() {
        assert_eq!(
            (
                bits_for(0),
                bits_for(1),
                bits_for(2),
                bits_for(3),
                bits_for(4),
                bits_for(5)
            ),
            (0, 0, 1, 2, 2, 3)
        );
    }
}
