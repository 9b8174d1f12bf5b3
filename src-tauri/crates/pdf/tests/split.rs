//! Splitting a merged PDF with real pdfium: the plan by address, by pages and by
//! text, each range preflighted as its own letter, pages extracted into a new PDF,
//! and the preflight's hint that a file holds several letters.
use std::path::PathBuf;

use postdesk_pdf::sample::{self, MergedLetter};
use postdesk_pdf::split::{PageRange, SplitRule, TextPosition};
use postdesk_pdf::{for_provider, PdfEngine, ProviderKind};

fn engine() -> PdfEngine {
    PdfEngine::start(None).expect("pdfium: run scripts/fetch-pdfium.sh")
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn shape(letters: &[MergedLetter]) -> Vec<(u32, u32)> {
    letters.iter().map(|l| (l.first_page, l.pages)).collect()
}

#[test]
fn by_address_finds_each_letter_of_a_mail_merge() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, expected) = sample::merged_letters(12);
    let path = write(&dir, "merged.pdf", &pdf);
    let rules = for_provider(ProviderKind::Epost);
    let plan = engine().split(&path, &rules, &SplitRule::Address).unwrap();
    assert_eq!(plan.pages, expected.iter().map(|l| l.pages).sum::<u32>());
    let got: Vec<(u32, u32)> = plan.letters.iter().map(|l| (l.first_page, l.pages)).collect();
    assert_eq!(got, shape(&expected));
    assert!(expected[1].pages == 3, "the second letter has its enclosure page");
    for (l, e) in plan.letters.iter().zip(&expected) {
        let a = l.address.as_ref().expect("an address");
        assert_eq!(a.lines, e.recipient);
        assert_eq!(a.postal_code.as_deref(), Some(e.postal_code.as_str()));
        assert_eq!(a.city.as_deref(), Some(e.city.as_str()));
    }
}

#[test]
fn by_pages_and_by_text() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, expected) = sample::merged_letters(5);
    let path = write(&dir, "merged.pdf", &pdf);
    let rules = for_provider(ProviderKind::Epost);
    let e = engine();
    let by_two = e.split(&path, &rules, &SplitRule::Pages { pages: 2 }).unwrap();
    assert!(by_two.letters.iter().rev().skip(1).all(|l| l.pages == 2));
    assert_eq!(by_two.letters.iter().map(|l| l.pages).sum::<u32>(), by_two.pages);
    let first = SplitRule::Text { pattern: r"Seite 1 von \d".into(), position: TextPosition::First };
    let got = e.split(&path, &rules, &first).unwrap();
    assert_eq!(got.letters.iter().map(|l| (l.first_page, l.pages)).collect::<Vec<_>>(), shape(&expected));
    // The last page of each letter: "Seite N" with N its page count, or a one-page letter.
    let last = SplitRule::Text { pattern: r"Rechnung Nr\. 1000|Seite 4|Anlage".into(), position: TextPosition::Last };
    let got = e.split(&path, &rules, &last).unwrap();
    // Letter 0 (1 page, "Rechnung Nr. 1000") ends at page 0; letter 1 ends on its enclosure.
    assert_eq!(got.letters[0].range(), PageRange { first_page: 0, pages: 1 });
    assert_eq!(got.letters[1].range(), PageRange { first_page: 1, pages: 3 });
}

#[test]
fn each_range_is_preflighted_as_its_own_letter_on_one_open() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, expected) = sample::merged_letters(6);
    let path = write(&dir, "merged.pdf", &pdf);
    let rules = for_provider(ProviderKind::Epost);
    let ranges: Vec<PageRange> = expected.iter().map(|l| PageRange { first_page: l.first_page, pages: l.pages }).collect();
    let pfs = engine().preflight_ranges(&path, &rules, &ranges).unwrap();
    assert_eq!(pfs.len(), 6);
    let mut keys = std::collections::HashSet::new();
    for (pf, e) in pfs.iter().zip(&expected) {
        assert_eq!(pf.pages, e.pages);
        assert!(!pf.has_errors(), "{:?}", pf.findings);
        assert_eq!(pf.address.as_ref().unwrap().lines, e.recipient);
        assert!(keys.insert(pf.sha256.clone()), "each range its own key");
    }
    // A range that starts on a page without an address is a letter without one,
    // and its findings count pages from the range's start.
    let cont = PageRange { first_page: expected[1].first_page + 1, pages: 2 };
    let pf = engine().preflight_ranges(&path, &rules, &[cont]).unwrap().remove(0);
    let f = pf.findings.iter().find(|f| f.code == "address_missing").expect("no address on its page 1");
    assert_eq!(f.page, Some(1));
}

#[test]
fn extracted_pages_are_a_pdf_of_just_that_range() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, expected) = sample::merged_letters(4);
    let path = write(&dir, "merged.pdf", &pdf);
    let dest = dir.path().join("letter2.pdf");
    let e = engine();
    let range = PageRange { first_page: expected[1].first_page, pages: expected[1].pages };
    let (sha, source_sha) = e.extract_pages(&path, range, &dest).unwrap();
    assert_eq!(source_sha, postdesk_pdf::file::read_letter(&path, 0).unwrap().sha256);
    assert_eq!(sha, postdesk_pdf::file::read_letter(&dest, 0).unwrap().sha256);
    let rules = for_provider(ProviderKind::Epost);
    let pf = e.preflight(&dest, &rules).unwrap();
    assert_eq!(pf.pages, 3);
    assert_eq!(pf.address.unwrap().lines, expected[1].recipient);
    assert!(e.extract_pages(&path, PageRange { first_page: 8, pages: 5 }, &dest).is_err(), "past the end");
}

#[test]
fn preflight_hints_at_several_letters_only_when_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let rules = for_provider(ProviderKind::Epost);
    let e = engine();
    let (pdf, _) = sample::merged_letters(3);
    let merged = write(&dir, "merged.pdf", &pdf);
    assert_eq!(e.preflight(&merged, &rules).unwrap().letters_hint, Some(3));
    let one = write(&dir, "one.pdf", &sample::clean_letter());
    assert_eq!(e.preflight(&one, &rules).unwrap().letters_hint, None);
    let long = write(&dir, "long.pdf", &sample::letter(&sample::LetterSpec { pages: 3, ..Default::default() }));
    assert_eq!(e.preflight(&long, &rules).unwrap().letters_hint, None);
}
