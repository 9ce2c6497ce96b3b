//! The approvals race: two contract approvers approve at the same moment, and each
//! of them is the last one. The contract must move to signing exactly once.
//!
//! "Every approver has approved" is the host's fact (`Record::all_approved`): the
//! crate decides from what the host read. If each approver's request reads the
//! approvals, decides and writes in separate steps, both may read "one approval
//! still missing" and neither moves the contract (it waits forever), or both read
//! "all approved" and both move it (two signing tasks, two notifications). The
//! cure is the host's, and this example shows it on SQLite:
//!
//! 1. one transaction that takes the write lock before it reads (`BEGIN
//!    IMMEDIATE`; on PostgreSQL, `SELECT … FOR UPDATE` of the contract row):
//!    record this approval, count the approvals, read the state;
//! 2. decide with the crate (`transition_record`, with `all_approved` from that
//!    count), in the transaction;
//! 3. write the new state as a compare-and-set (`UPDATE … SET state = :to WHERE id
//!    = :id AND state = :from`), and move on only if it changed one row; commit.
//!
//! The example runs 200 rounds of two threads released together by a barrier, each
//! with its own connection to one database file, and checks that every contract
//! ends in signing, moved once. It exits non-zero otherwise.
//!
//! ```sh
//! cargo run -p itam-rbac-hosts --example approvals_race
//! ```

use std::process::ExitCode;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use itam_rbac::records::{transition_record, ContractState, Record, RecordEvent};
use itam_rbac::{Role, Subject};
use rusqlite::{params, Connection, TransactionBehavior};

/// The contract manager who created and submitted every contract.
const MANAGER: i64 = 1;

/// The holders of `itam_contract_approver`: every one must approve.
const APPROVERS: [i64; 3] = [2, 3, 4];

/// How many contracts (rounds) the example races on.
const ROUNDS: i64 = 200;

type Fallible<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// One approver's request: record the approval and, if it completes the
/// approvals, move the contract, all in one transaction. Returns whether this
/// request moved the contract.
fn approve(db: &mut Connection, contract: i64, approver: i64) -> Fallible<bool> {
    let tx = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO approval (contract, approver) VALUES (?1, ?2)",
        params![contract, approver],
    )?;
    let approvals: i64 = tx.query_row(
        "SELECT count(*) FROM approval WHERE contract = ?1",
        params![contract],
        |row| row.get(0),
    )?;
    let state: String = tx.query_row(
        "SELECT state FROM contract WHERE id = ?1",
        params![contract],
        |row| row.get(0),
    )?;
    let from: ContractState = state.parse()?;
    let mut record = Record::new(from).created_by(MANAGER).submitted_by(MANAGER);
    if approvals == i64::try_from(APPROVERS.len())? {
        record = record.all_approved();
    }
    let subject = Subject::new(approver, Role::ContractApprover);
    let to = transition_record(&subject, &record, RecordEvent::Approve)?;
    let mut moved = false;
    if to != from {
        let changed = tx.execute(
            "UPDATE contract SET state = ?1 WHERE id = ?2 AND state = ?3",
            params![to.to_string(), contract, from.to_string()],
        )?;
        if changed == 1 {
            tx.execute(
                "INSERT INTO moved (contract, approver, to_state) VALUES (?1, ?2, ?3)",
                params![contract, approver, to.to_string()],
            )?;
            moved = true;
        }
    }
    tx.commit()?;
    Ok(moved)
}

fn open(path: &std::path::Path) -> Fallible<Connection> {
    let db = Connection::open(path)?;
    db.busy_timeout(Duration::from_secs(10))?;
    Ok(db)
}

fn run() -> Fallible<()> {
    let dir = std::env::temp_dir().join(format!("itam-rbac-approvals-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("contracts.db");
    let _ = std::fs::remove_file(&path);
    let setup = open(&path)?;
    setup.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE contract (id INTEGER PRIMARY KEY, state TEXT NOT NULL);
         CREATE TABLE approval (contract INTEGER NOT NULL, approver INTEGER NOT NULL,
                                UNIQUE (contract, approver));
         CREATE TABLE moved (contract INTEGER NOT NULL, approver INTEGER NOT NULL,
                             to_state TEXT NOT NULL);",
    )?;
    let [first, second, third] = APPROVERS;
    // Every contract awaits approval, and the first approver has approved.
    for contract in 1..=ROUNDS {
        setup.execute(
            "INSERT INTO contract (id, state) VALUES (?1, ?2)",
            params![contract, ContractState::Approval.to_string()],
        )?;
        setup.execute(
            "INSERT INTO approval (contract, approver) VALUES (?1, ?2)",
            params![contract, first],
        )?;
    }
    // The last two approvers, each on its own connection, released together.
    let barrier = Arc::new(Barrier::new(2));
    let racers: Vec<_> = [second, third]
        .into_iter()
        .map(|approver| {
            let (barrier, path) = (Arc::clone(&barrier), path.clone());
            thread::spawn(move || -> Fallible<u32> {
                let mut db = open(&path)?;
                let mut moves = 0;
                for contract in 1..=ROUNDS {
                    barrier.wait();
                    moves += u32::from(approve(&mut db, contract, approver)?);
                }
                Ok(moves)
            })
        })
        .collect();
    let mut moves = Vec::new();
    for racer in racers {
        moves.push(
            racer
                .join()
                .map_err(|_| "an approver's thread panicked")??,
        );
    }
    let signing: i64 = setup.query_row(
        "SELECT count(*) FROM contract WHERE state = ?1",
        params![ContractState::Signing.to_string()],
        |row| row.get(0),
    )?;
    let move_rows: i64 = setup.query_row("SELECT count(*) FROM moved", [], |row| row.get(0))?;
    let twice: i64 = setup.query_row(
        "SELECT count(*) FROM (SELECT contract FROM moved GROUP BY contract HAVING count(*) > 1)",
        [],
        |row| row.get(0),
    )?;
    println!(
        "{ROUNDS} contracts, two last approvals at once on each: {signing} in signing, \
         {move_rows} moves ({} by approver {}, {} by approver {}), {twice} moved twice",
        moves.first().copied().unwrap_or(0),
        second,
        moves.get(1).copied().unwrap_or(0),
        third,
    );
    drop(setup);
    let _ = std::fs::remove_dir_all(&dir);
    if signing == ROUNDS && move_rows == ROUNDS && twice == 0 {
        Ok(())
    } else {
        Err("a contract was moved twice, or not at all".into())
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("approvals_race: {error}");
            ExitCode::FAILURE
        }
    }
}
