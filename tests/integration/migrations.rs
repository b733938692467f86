//! Upgrading a database that already holds data: the host-profile and
//! approval migrations keep every host link and every reply (on SQLite the
//! replies table is rebuilt to widen its status CHECK), and the waitlist's
//! count on each date's seat counter starts from the replies waiting.

use harness::{TestDatabase, TestDatabaseKind};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

/// Rows a database at migration 4 (before host profiles) could hold.
const BEFORE: &[&str] = &[
    "INSERT INTO hosts (id, slug, name, description, website, created_at) \
     VALUES (1, 'kiez', 'Kiezküche', '', 'https://kiez.example/', '2026-11-01 10:00:00+00:00')",
    "INSERT INTO places (id, name, address, latitude, longitude, time_zone, created_at) \
     VALUES (1, 'Hall', 'Urbanstraße 21', 52.49, 13.42, 'Europe/Berlin', '2026-11-01 10:00:00+00:00')",
    "INSERT INTO events (id, public_id, host_id, place_id, default_language, time_zone, created_at, updated_at) \
     VALUES (1, 'supper', 1, 1, 'en', 'Europe/Berlin', '2026-11-01 10:00:00+00:00', '2026-11-01 10:00:00+00:00')",
    "INSERT INTO occurrences (id, event_id, starts_at, ends_at, latitude, longitude, cell_r3, cell_r4, cell_r5, cell_r6) \
     VALUES (1, 1, '2026-12-01 17:00:00+00:00', '2026-12-01 19:00:00+00:00', 52.49, 13.42, 1, 2, 3, 4)",
    "INSERT INTO rsvps (id, public_id, occurrence_id, email, name, party, status, cancel_hash, locale, created_at) \
     VALUES (1, 'r1', 1, 'ana@example.org', 'Ana', 2, 'going', 'h1', 'de', '2026-11-02 10:00:00+00:00')",
    "INSERT INTO rsvps (id, public_id, occurrence_id, device_hash, party, status, cancel_hash, locale, created_at) \
     VALUES (2, 'r2', 1, 'device', 1, 'waitlisted', 'h2', 'ar', '2026-11-02 11:00:00+00:00')",
    "INSERT INTO occurrence_seats (occurrence_id, capacity, going) VALUES (1, 2, 2)",
];

async fn strings(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn upgrading_keeps_host_links_and_every_reply() {
    let database = TestDatabase::create().await;
    let url = match database.kind() {
        TestDatabaseKind::Sqlite => format!("{}?mode=rwc", database.url),
        TestDatabaseKind::Postgres => database.url.clone(),
    };
    let db = Database::connect(&url).await.unwrap();
    Migrator::up(&db, Some(4)).await.unwrap();
    for statement in BEFORE {
        db.execute_unprepared(statement).await.unwrap();
    }

    Migrator::up(&db, None).await.unwrap();

    assert_eq!(
        strings(&db, "SELECT links FROM hosts").await,
        ["https://kiez.example/"]
    );
    assert_eq!(
        strings(
            &db,
            "SELECT public_id || ' ' || status || ' ' || COALESCE(name, '-') FROM rsvps ORDER BY id"
        )
        .await,
        ["r1 going Ana", "r2 waitlisted -"]
    );
    let waiting = "SELECT CAST(waiting AS TEXT) FROM occurrence_seats";
    assert_eq!(strings(&db, waiting).await, ["1"], "counted when upgrading");
    // The new statuses are allowed, unknown ones still refused.
    db.execute_unprepared("UPDATE rsvps SET status = 'requested' WHERE id = 2")
        .await
        .unwrap();
    assert_eq!(strings(&db, waiting).await, ["0"], "off the waitlist");
    assert!(
        db.execute_unprepared("UPDATE rsvps SET status = 'maybe' WHERE id = 2")
            .await
            .is_err()
    );
    // One reply per device still holds, now counting waiting replies.
    // (Ids given: PostgreSQL's sequence has not seen the rows above, so
    // without one the insert would fail on the id instead.)
    let duplicate = "INSERT INTO rsvps (id, public_id, occurrence_id, device_hash, party, status, cancel_hash, locale, created_at) \
                     VALUES (3, 'r3', 1, 'device', 1, 'requested', 'h3', 'ar', '2026-11-02 12:00:00+00:00')";
    assert!(db.execute_unprepared(duplicate).await.is_err());
    // The count follows every way on and off the waitlist, by the
    // database's own triggers.
    let another = "INSERT INTO rsvps (id, public_id, occurrence_id, device_hash, party, status, cancel_hash, locale, created_at) \
                   VALUES (4, 'r4', 1, 'other', 1, 'waitlisted', 'h4', 'ar', '2026-11-02 13:00:00+00:00')";
    db.execute_unprepared(another).await.unwrap();
    db.execute_unprepared("UPDATE rsvps SET status = 'waitlisted' WHERE id = 2")
        .await
        .unwrap();
    assert_eq!(strings(&db, waiting).await, ["2"], "two joined it");
    db.execute_unprepared("DELETE FROM rsvps WHERE public_id = 'r4'")
        .await
        .unwrap();
    assert_eq!(strings(&db, waiting).await, ["1"], "one deleted");
    // Never below zero, whatever writes it.
    assert!(
        db.execute_unprepared("UPDATE occurrence_seats SET waiting = -1")
            .await
            .is_err()
    );
    // And the seat counter's rules are untouched.
    assert!(
        db.execute_unprepared("UPDATE rsvps SET party = 0 WHERE id = 1")
            .await
            .is_err()
    );
    db.close().await.unwrap();
}
