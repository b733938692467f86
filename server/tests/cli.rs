//! The `commonground` binary as an operator meets it: clear one-line errors
//! with distinct exit codes, idempotent demo data, graceful shutdown.

mod common;

use common::{Sandbox, Server, free_port, stderr};
use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Child, Command, Output, Stdio},
    time::Duration,
};

/// The single `commonground: error: …` line a failed command prints.
fn error_line(output: &Output) -> String {
    let errors: Vec<_> = stderr(output)
        .lines()
        .filter(|l| l.starts_with("commonground: error:"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "exactly one error line in: {}",
        stderr(output)
    );
    errors[0].clone()
}

#[test]
fn an_unsupported_database_url_is_refused_with_exit_code_3() {
    let sandbox = Sandbox::new();

    let output = sandbox.run(&["migrate"], &[("DATABASE_URL", "mysql://localhost/cg")]);

    assert_eq!(output.status.code(), Some(3));
    assert!(error_line(&output).contains("unsupported database URL \"mysql://localhost/cg\""));
}

#[test]
fn an_unreachable_database_is_reported_without_its_password() {
    let sandbox = Sandbox::new();
    let port = free_port();
    let url = format!("postgres://app:hunter2@127.0.0.1:{port}/cg");

    let output = sandbox.run(&["serve"], &[("DATABASE_URL", &url)]);

    assert_eq!(output.status.code(), Some(3));
    let line = error_line(&output);
    assert!(line.contains("cannot connect to the database"), "{line}");
    assert!(
        line.contains(&format!("postgres://app:***@127.0.0.1:{port}/cg")),
        "{line}"
    );
    assert!(!stderr(&output).contains("hunter2"));
}

#[test]
fn serving_an_unmigrated_database_asks_for_migrate_first() {
    let sandbox = Sandbox::new();

    let output = sandbox.run(&["serve"], &[]);

    assert_eq!(output.status.code(), Some(3));
    assert!(error_line(&output).contains("run `commonground migrate` first"));
}

#[test]
fn a_taken_port_is_reported_with_exit_code_4() {
    let sandbox = Sandbox::new();
    assert!(sandbox.run(&["migrate"], &[]).status.success());
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();

    let output = sandbox.run(&["serve"], &[("COMMONGROUND_SERVER__PORT", &port)]);

    assert_eq!(output.status.code(), Some(4));
    assert!(error_line(&output).contains(&format!("127.0.0.1:{port} is already in use")));
}

#[test]
fn a_broken_config_file_is_reported_with_exit_code_2() {
    let sandbox = Sandbox::new();
    let file = sandbox.folder.path().join("broken.toml");
    std::fs::write(&file, "[server]\nport = \"not a number\"\n").unwrap();

    let output = sandbox.run(&["--config", file.to_str().unwrap(), "migrate"], &[]);

    assert_eq!(output.status.code(), Some(2));
    assert!(error_line(&output).contains("invalid configuration"));
}

#[test]
fn demo_data_is_loaded_only_the_first_time() {
    let sandbox = Sandbox::new();
    assert!(sandbox.run(&["migrate"], &[]).status.success());

    let first = sandbox.run(&["seed-demo"], &[]);
    let second = sandbox.run(&["seed-demo"], &[]);

    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("demo data loaded"));
    assert!(second.status.success());
    assert!(stderr(&second).contains("demo data was already loaded"));
}

fn start_server(sandbox: &Sandbox, port: u16) -> Server {
    let grace = [("COMMONGROUND_SERVER__SHUTDOWN_GRACE_SECONDS", "10")];
    sandbox.serve(port, &grace, Stdio::piped())
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn sigterm_lets_a_request_in_flight_finish_then_exits_cleanly() {
    let sandbox = Sandbox::new();
    assert!(sandbox.run(&["migrate"], &[]).status.success());
    let port = free_port();
    let mut server = start_server(&sandbox, port);

    // A slow client: the request has started but is not complete yet.
    let mut client = TcpStream::connect(("127.0.0.1", port)).unwrap();
    client
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    sigterm(&server);
    std::thread::sleep(Duration::from_millis(200));
    client.write_all(b"Connection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    client.read_to_string(&mut response).unwrap();

    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let status = server.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    let mut logs = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    assert!(logs.contains("shutting down"), "{logs}");
    // New connections are refused once it has stopped.
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}
