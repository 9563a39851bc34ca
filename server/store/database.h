#pragma once

#include "shared/api_error.h"

#include <QFuture>
#include <QPromise>

#include <pqxx/pqxx>

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
// event loop ever waits for the database. Work is a function of a transaction; its result (or
// its error) comes back as a future. Every job has a deadline: a job that cannot start in time, a
// statement that runs too long, or an unreachable server all end as ApiError 503, quickly.
class Database
{
public:
    struct Options
    {
        std::string url; // libpq URI or key=value string
        int poolSize = 4;
        std::chrono::milliseconds queryTimeout{2000}; // statement_timeout and queue deadline
        std::size_t maxQueuedJobs = 4096;
    };

    explicit Database(Options options);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Runs `work(pqxx::work&)` in a transaction and commits it if it returns normally.
    template<typename Work>
    auto transact(Work work) -> QFuture<std::invoke_result_t<Work &, pqxx::work &>>;

    // SELECT 1 within the deadline: for readiness checks.
    QFuture<void> ping();

    // Adds a connection-string parameter unless the URL already sets it.
    static std::string withDefaultParameter(const std::string &url, const std::string &name,
                                            const std::string &value);

private:
    struct Job
    {
        std::function<void(pqxx::connection &)> run;
        std::function<void(std::exception_ptr)> fail;
        std::chrono::steady_clock::time_point deadline;
    };

    void enqueue(Job job);
    void workerLoop();
    std::unique_ptr<pqxx::connection> connect();

    Options m_options;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_workers;
};

template<typename Work>
auto Database::transact(Work work) -> QFuture<std::invoke_result_t<Work &, pqxx::work &>>
{
    using Result = std::invoke_result_t<Work &, pqxx::work &>;
    auto promise = std::make_shared<QPromise<Result>>();
    promise->start();
    QFuture<Result> future = promise->future();
    enqueue(Job{[promise, work = std::move(work)](pqxx::connection &connection) mutable {
                    pqxx::work transaction(connection);
                    if constexpr (std::is_void_v<Result>) {
                        work(transaction);
                        transaction.commit();
                    } else {
                        Result result = work(transaction);
                        transaction.commit();
                        promise->addResult(std::move(result));
                    }
                    promise->finish();
                },
                [promise](std::exception_ptr error) {
                    promise->setException(error);
                    promise->finish();
                },
                {}});
    return future;
}

} // namespace nova
