//! Command-line names for core types: the core knows nothing of clap, so the `ValueEnum`
//! impls live here.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::report::ReportFormat;

impl ValueEnum for ReportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &ReportFormat::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.cli_name()).help(self.description()))
    }
}
