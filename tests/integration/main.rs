//! Integration tests: the real server over HTTP, on SQLite by default or on
//! PostgreSQL when `TEST_DATABASE_URL` names one. One binary, many modules,
//! so the suite links once.

mod abuse;
mod administration;
mod answers;
mod api_tokens;
mod api_v1;
mod approval;
mod authorization;
mod backup;
mod calendar;
mod door;
mod embeds;
mod feeds;
mod follow_up;
mod gathering_page;
mod health;
mod host_page;
mod hosting;
mod impact;
mod languages;
mod mail;
mod messages;
mod metrics;
mod migrations;
mod moderation;
mod offices;
mod open_data;
mod outbox;
mod pages;
mod pictures;
mod privacy;
mod replies;
mod search;
mod search_index;
mod security;
mod sign_in;
mod static_files;
mod team;
mod volunteers;
