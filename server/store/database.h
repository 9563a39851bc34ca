#pragma once

#include "shared/api_error.h"

#include <QFuture>
#include <QPromise>

#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace nova {

// A pool of PostgreSQL connections, each owned by its own worker thread, so that nothing on the
// event loop ever waits for the database. Work is a function of a transaction; its result (or its
// error) comes back as a future.
//
// Every job answers within its deadline, whatever PostgreSQL does: a job that cannot start in
// time, a statement over statement_timeout, an unreachable server, or a server that stopped
// answering altogether all end as ApiError 503. A job answered late by the watchdog is rolled back,
// never committed behind the caller's back.
class Database
{
public:
    struct Options
    {
        std::string url; // libpq URI or key=value string
        int poolSize = 4;
        std::chrono::milliseconds queryTimeout{2000}; // statement_timeout and the job deadline
        std::size_t maxQueuedJobs = 4096;
        // Run on every new connection, e.g. to prepare statements.
        std::function<void(pqxx::connection &)> prepare;
    };

    explicit Database(Options options);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Runs `work(pqxx::work&)` in a transaction and commits it if it returns normally.
    template<typename Work>
    auto transact(Work work) -> QFuture<std::invoke_result_t<Work &, pqxx::work &>>
    {
        return run<pqxx::work>(std::move(work));
    }
    // Runs `work` without a transaction: one round trip for a single statement, which is its own
    // transaction. A late answer from the watchdog cannot undo such a statement.
    template<typename Work>
    auto autocommit(Work work) -> QFuture<std::invoke_result_t<Work &, pqxx::nontransaction &>>
    {
        return run<pqxx::nontransaction>(std::move(work));
    }

    // SELECT 1 within the deadline: for readiness checks.
    QFuture<void> ping();

private:
    // Who answers a job: the worker or the watchdog, whichever claims it first. A worker that
    // claimed a job before committing still owns its answer if the commit then fails.
    struct Claim
    {
        std::atomic<bool> taken{false};
        bool claimedByWorker = false; // touched by the worker thread only
        bool take() { return !taken.exchange(true); }
        bool takeForCommit() { return claimedByWorker = take(); }
    };

    struct Job
    {
        // Runs the work; commits only after claiming the job. Throws what the work throws.
        std::function<void(pqxx::connection &, Claim &)> run;
        std::function<void(std::exception_ptr)> fail;
        std::shared_ptr<Claim> claim;
        std::chrono::steady_clock::time_point deadline;
    };

    template<typename Transaction, typename Work>
    auto run(Work work) -> QFuture<std::invoke_result_t<Work &, Transaction &>>;
    void enqueue(Job job);
    void workerLoop(std::size_t index);
    void watchdogLoop();
    void failOnce(Job &job, std::exception_ptr error);
    void failFromWorker(Job &job, std::exception_ptr error);
    std::unique_ptr<pqxx::connection> connect();

    Options m_options;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_watchdogWake;
    std::deque<Job> m_jobs;
    std::vector<std::shared_ptr<Job>> m_running; // per worker; null when idle
    bool m_stopping = false;
    std::vector<std::thread> m_workers;
    std::thread m_watchdog;
};

template<typename Transaction, typename Work>
auto Database::run(Work work) -> QFuture<std::invoke_result_t<Work &, Transaction &>>
{
    using Result = std::invoke_result_t<Work &, Transaction &>;
    auto promise = std::make_shared<QPromise<Result>>();
    promise->start();
    QFuture<Result> future = promise->future();
    enqueue(
        Job{[promise, work = std::move(work)](pqxx::connection &connection, Claim &claim) mutable {
                Transaction transaction(connection);
                if constexpr (std::is_void_v<Result>) {
                    work(transaction);
                    if (!claim.takeForCommit())
                        return; // answered already (deadline): the transaction rolls back
                    transaction.commit();
                } else {
                    Result result = work(transaction);
                    if (!claim.takeForCommit())
                        return;
                    transaction.commit();
                    promise->addResult(std::move(result));
                }
                promise->finish();
            },
            [promise](std::exception_ptr error) {
                promise->setException(error);
                promise->finish();
            },
            std::make_shared<Claim>(),
            {}});
    return future;
}

} // namespace nova
