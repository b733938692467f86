//! Pictures for some demo gatherings: four drawings shipped with the demo
//! (`pictures/`, CC0), put through the same decoding and re-encoding as an
//! organiser's upload, so the demo shows cards and pages as they look with
//! real pictures.

use app::backend::pictures::{Renditions, process, store};
use app::domain::category::Category;
use app::domain::ids::EventId;
use app::domain::picture::AltText;
use sea_orm::{ConnectionTrait, DbErr};

/// A drawing, the kind of gathering it suits, and its description.
struct Drawing {
    category: Category,
    file: &'static [u8],
    alt: &'static str,
}

const DRAWINGS: [Drawing; 4] = [
    Drawing {
        category: Category::Food,
        file: include_bytes!("pictures/food.png"),
        alt: "A long table set with bowls of food and bread, seen from above",
    },
    Drawing {
        category: Category::Music,
        file: include_bytes!("pictures/music.png"),
        alt: "A guitar, a drum and music notes on a deep blue background",
    },
    Drawing {
        category: Category::Art,
        file: include_bytes!("pictures/art.png"),
        alt: "A painter's palette with five colours, a brush and broad strokes of paint",
    },
    Drawing {
        category: Category::Sport,
        file: include_bytes!("pictures/sport.png"),
        alt: "A football on a green pitch under a blue sky",
    },
];

/// The drawings, decoded once for all the gatherings that show them.
pub struct DemoPictures {
    ready: Vec<(Category, AltText, Renditions)>,
}

impl DemoPictures {
    pub fn load() -> Self {
        let ready = DRAWINGS
            .iter()
            .map(|drawing| {
                let renditions = process::renditions(drawing.file).expect("demo drawings decode");
                let alt = AltText::parse(drawing.alt).expect("demo descriptions are valid");
                (drawing.category, alt, renditions)
            })
            .collect();
        Self { ready }
    }

    /// Gives `event_id` the drawing of `category`, when there is one.
    pub async fn attach(
        &self,
        txn: &impl ConnectionTrait,
        event_id: EventId,
        category: Category,
    ) -> Result<(), DbErr> {
        match self.ready.iter().find(|(kind, _, _)| *kind == category) {
            Some((_, alt, renditions)) => {
                store::save_in(txn, event_id, alt.clone(), renditions.clone()).await
            }
            None => Ok(()),
        }
    }
}
