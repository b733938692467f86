use sea_orm::entity::prelude::*;

/// An office's jurisdiction: a GeoJSON MultiPolygon and its bounding box.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "office_areas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub office_id: crate::domain::ids::OfficeId,
    pub geojson: String,
    pub min_latitude: f64,
    pub min_longitude: f64,
    pub max_latitude: f64,
    pub max_longitude: f64,
    pub polygons: i32,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
