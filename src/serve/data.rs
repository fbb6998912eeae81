//! The data pass — search index and exports — on a thread of its own.
//!
//! At 10k pages the search index and the exports take seconds. Run on the rebuild
//! thread, they would hold up the next edit for that long; here they run on a copy of
//! the model ([`crate::site::DataJob`]) in a one-thread pool of their own (so they never
//! occupy the workers that render the next edit's pages), and report back to the rebuild
//! thread through its inbox. One job at a time: a job started for an older model is
//! left to finish, its result dropped, and a job for the newest model started then —
//! edits coalesce, the last one wins.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use super::watch::Msg;
use crate::site::DataJob;

/// The data thread's pool and what it is doing.
pub struct DataThread {
    pool: Option<Arc<rayon::ThreadPool>>,
    tx: Sender<Msg>,
    /// The model generation of the running job.
    running: Option<u64>,
}

impl DataThread {
    pub fn new(tx: Sender<Msg>) -> DataThread {
        let threads = (rayon::current_num_threads() / 2).max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("touming-data-{i}"))
            .build()
            .ok()
            .map(Arc::new);
        DataThread {
            pool,
            tx,
            running: None,
        }
    }

    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    /// Run `job` (made from the model of `generation`); the result comes back as
    /// [`Msg::Data`].
    pub fn start(&mut self, job: DataJob, generation: u64) {
        self.running = Some(generation);
        let (tx, pool) = (self.tx.clone(), self.pool.clone());
        let spawned = std::thread::Builder::new().name("touming-data".into()).spawn(move || {
            let done = match pool {
                Some(p) => p.install(|| job.run()),
                None => job.run(),
            };
            let _ = tx.send(Msg::Data(Box::new(done), generation));
        });
        if spawned.is_err() {
            self.running = None;
        }
    }

    /// The running job reported back.
    pub fn finished(&mut self) {
        self.running = None;
    }
}
