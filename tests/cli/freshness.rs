//! Commands that only read use the index as it stands when no folder of
//! the briefs has moved since the last scan (store/freshness.rs).

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::util::*;

/// Folders made by a test are younger than the margin within which a
/// folder's time is not trusted; age them as a day-old folder would be.
fn age(dir: &Path) {
    std::fs::File::open(dir)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(86_400))
        .unwrap();
}

fn titles(f: &Fixture) -> Vec<String> {
    f.list(&[]).into_iter().map(|i| i.title).collect()
}

#[test]
fn a_new_file_is_found_by_the_next_command_and_an_edit_in_place_by_the_next_index() {
    let f = Fixture::new();
    f.write("copper.txt", "Copper steady\n\nPrices held.\n");
    age(&f.briefs);
    f.stats();
    assert_eq!(titles(&f), ["Copper steady"]);

    // Edited in place: no folder moves, so `list` answers from the index...
    f.write("copper.txt", "Copper slumps\n\nPrices fell.\n");
    assert_eq!(titles(&f), ["Copper steady"]);
    // ...and `brief index` looks at every file.
    let s = f.stats();
    assert_eq!(s.updated, 1);
    assert_eq!(titles(&f), ["Copper slumps"]);

    // A new file moves its folder: the next command of any kind finds it.
    f.write("zinc.txt", "Zinc climbs\n\nDemand rose.\n");
    let mut now = titles(&f);
    now.sort();
    assert_eq!(now, ["Copper slumps", "Zinc climbs"]);
}

#[test]
fn a_file_added_to_a_sub_folder_is_found_by_the_next_list() {
    let f = three_briefs();
    for dir in ["", "energy", "trade"] {
        age(&f.briefs.join(dir));
    }
    f.stats();
    f.write(
        "trade/port-reopens.txt",
        "Port reopens\n\nShips moved again.\n",
    );
    assert!(titles(&f).contains(&"Port reopens".to_string()));
}
