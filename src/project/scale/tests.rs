use super::*;

#[test]
fn presets_are_valid_and_round_trip_as_custom_scales() {
    for name in PRESET_NAMES {
        let s = preset(name).unwrap();
        s.validate().unwrap();
        let text = to_ron(&s);
        assert_eq!(parse_custom(&text, "x.ron").unwrap(), s, "{name}");
    }
    assert_eq!(preset("PolitiFact").unwrap().verdicts.len(), 9);
    let truth_o_meter = politifact();
    let names: Vec<&str> = truth_o_meter.verdicts[2..8]
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "True",
            "Mostly True",
            "Half True",
            "Mostly False",
            "False",
            "Pants on Fire"
        ]
    );
}

#[test]
fn malformed_custom_scale_gives_line_and_column() {
    let text = "(\n  name: \"Desk\",\n  verdicts: [\n    (id: \"Unreviewed\", name: \"Unreviewed\", color: \"blue\"),\n  ],\n)\n";
    let err = parse_custom(text, "desk.ron").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("desk.ron:4:"), "{msg}");
    assert!(msg.contains("#rrggbb"), "{msg}");
    let missing = "(\n  name: \"Desk\",\n  verdicts: [\n    (id: \"Unreviewed\", name: \"Unreviewed\", hotkey: Some('1')),\n  ],\n)\n";
    let msg = parse_custom(missing, "desk.ron").unwrap_err().to_string();
    assert!(msg.contains("NotAClaim"), "{msg}");
}

#[test]
fn verdicts_read_as_strings_and_as_format_1_identifiers() {
    #[derive(serde::Deserialize)]
    struct C {
        verdict: Verdict,
    }
    let a: C = ron::from_str("(verdict: \"MostlyTrue\")").unwrap();
    let b: C = ron::from_str("(verdict: MostlyAccurate)").unwrap();
    assert_eq!(a.verdict, Verdict::new("MostlyTrue"));
    assert_eq!(b.verdict, Verdict::MOSTLY_ACCURATE);
}

#[test]
fn proposed_mapping_goes_by_id_name_then_rating() {
    let m = factdesk().proposed_mapping(&politifact());
    assert_eq!(m[&Verdict::VERIFIED], Verdict::new("True"));
    assert_eq!(m[&Verdict::FALSE], Verdict::FALSE);
    assert_eq!(m[&Verdict::NOT_A_CLAIM], Verdict::NOT_A_CLAIM);
    assert_eq!(m[&Verdict::MOSTLY_ACCURATE], Verdict::new("MostlyTrue"));
    let to_full_fact = factdesk().proposed_mapping(&full_fact());
    assert_eq!(to_full_fact[&Verdict::MISLEADING], Verdict::MISLEADING);
}

#[test]
fn hotkeys_find_verdicts() {
    let s = factdesk();
    assert_eq!(s.by_hotkey('3'), Some(Verdict::VERIFIED));
    assert_eq!(s.by_hotkey('0'), None);
    assert_eq!(s.name(&Verdict::new("Gone")), "Gone");
    assert!(!s.is_reviewed(&Verdict::new("Gone")));
}
