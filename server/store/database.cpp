#include "server/store/database.h"

#include "server/store/connection_settings.h"

#include <QLoggingCategory>

namespace nova {

Q_LOGGING_CATEGORY(lcStore, "nova.store")

namespace {
// After a failed connect, a worker waits this long before trying again, answering jobs with 503
// meanwhile instead of making each one wait for its own connect timeout.
constexpr auto kReconnectPause = std::chrono::milliseconds(500);
// The watchdog answers this long after a job's deadline, so that PostgreSQL's own
// statement_timeout, with its clean rollback, normally comes first.
constexpr auto kWatchdogGrace = std::chrono::milliseconds(250);
constexpr auto kWatchdogTick = std::chrono::milliseconds(50);

std::exception_ptr unavailable(const char *what)
{
    return std::make_exception_ptr(ApiError::unavailable(QString::fromUtf8(what)));
}
} // namespace

Database::Database(Options options)
    : m_options(std::move(options))
{
    m_options.url = ConnectionSettings::apply(m_options.url, m_options.queryTimeout, "nova-server");
    const std::size_t workers = std::size_t(std::max(1, m_options.poolSize));
    m_running.resize(workers);
    for (std::size_t i = 0; i < workers; ++i)
        m_workers.emplace_back([this, i] { workerLoop(i); });
    m_watchdog = std::thread([this] { watchdogLoop(); });
}

Database::~Database()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_watchdogWake.notify_all();
    m_watchdog.join();
    // Jobs still running are answered now; their workers may be stuck in libpq and are waited for.
    {
        std::lock_guard lock(m_mutex);
        for (auto &running : m_running) {
            if (running)
                failOnce(*running, unavailable("the server is shutting down"));
        }
        for (auto &job : m_jobs)
            failOnce(job, unavailable("the server is shutting down"));
        m_jobs.clear();
    }
    for (auto &worker : m_workers)
        worker.join();
}

void Database::failOnce(Job &job, std::exception_ptr error)
{
    if (job.claim->take())
        job.fail(error);
}

void Database::failFromWorker(Job &job, std::exception_ptr error)
{
    if (job.claim->claimedByWorker || job.claim->take())
        job.fail(error);
}

void Database::enqueue(Job job)
{
    job.deadline = std::chrono::steady_clock::now() + m_options.queryTimeout;
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping && m_jobs.size() < m_options.maxQueuedJobs) {
            m_jobs.push_back(std::move(job));
            m_wake.notify_one();
            return;
        }
    }
    failOnce(job, unavailable("the database is overloaded; try again"));
}

std::unique_ptr<pqxx::connection> Database::connect()
{
    auto connection = std::make_unique<pqxx::connection>(m_options.url);
    {
        pqxx::nontransaction setup(*connection);
        setup.exec("SET statement_timeout = " + std::to_string(m_options.queryTimeout.count()));
        setup.exec("SET lock_timeout = " + std::to_string(m_options.queryTimeout.count()));
        setup.exec("SET idle_in_transaction_session_timeout = " +
                   std::to_string(4 * m_options.queryTimeout.count()));
        setup.exec("SET TIME ZONE 'UTC'");
    }
    if (m_options.prepare)
        m_options.prepare(*connection);
    return connection;
}

void Database::watchdogLoop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_watchdogWake.wait_for(lock, kWatchdogTick);
        const auto late = std::chrono::steady_clock::now() - kWatchdogGrace;
        for (auto &running : m_running) {
            if (running && running->deadline < late)
                failOnce(*running, unavailable("the database did not answer in time"));
        }
        while (!m_jobs.empty() && m_jobs.front().deadline < late) {
            failOnce(m_jobs.front(), unavailable("the database is busy; try again"));
            m_jobs.pop_front();
        }
    }
}

void Database::workerLoop(std::size_t index)
{
    std::unique_ptr<pqxx::connection> connection;
    auto nextConnectAttempt = std::chrono::steady_clock::time_point{};
    bool reportedDown = false;

    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(m_mutex);
            m_running[index].reset();
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                return;
            job = std::make_shared<Job>(std::move(m_jobs.front()));
            m_jobs.pop_front();
            m_running[index] = job;
        }

        const auto now = std::chrono::steady_clock::now();
        if (now > job->deadline) {
            failOnce(*job, unavailable("the database is busy; try again"));
            continue;
        }
        if (!connection || !connection->is_open()) {
            if (now < nextConnectAttempt) {
                failOnce(*job, unavailable("the database is unavailable"));
                continue;
            }
            try {
                connection = connect();
                if (reportedDown)
                    qCInfo(lcStore) << "database connection restored";
                reportedDown = false;
            } catch (const std::exception &error) {
                connection.reset();
                nextConnectAttempt = now + kReconnectPause;
                if (!reportedDown)
                    qCWarning(lcStore).noquote() << "cannot connect to the database:"
                                                 << QString::fromUtf8(error.what()).trimmed();
                reportedDown = true;
                failOnce(*job, unavailable("the database is unavailable"));
                continue;
            }
        }

        try {
            job->run(*connection, *job->claim);
        } catch (const ApiError &) {
            failFromWorker(*job, std::current_exception());
        } catch (const pqxx::broken_connection &error) {
            qCWarning(lcStore).noquote()
                << "database connection lost:" << QString::fromUtf8(error.what()).trimmed();
            connection.reset();
            failFromWorker(*job, unavailable("the database connection was lost"));
        } catch (const pqxx::sql_error &error) {
            // 57014 statement timeout, 55P03 lock timeout: slow, not wrong.
            if (error.sqlstate() == "57014" || error.sqlstate() == "55P03") {
                qCWarning(lcStore) << "query hit its deadline:" << error.sqlstate().c_str();
                failFromWorker(*job, unavailable("the database did not answer in time"));
            } else {
                qCCritical(lcStore).noquote() << "query failed:" << error.sqlstate().c_str()
                                              << QString::fromUtf8(error.what()).trimmed();
                failFromWorker(*job, std::make_exception_ptr(
                                         ApiError::internal(QStringLiteral("database error"))));
            }
        } catch (const std::exception &error) {
            qCCritical(lcStore) << "database job failed:" << error.what();
            if (connection && !connection->is_open())
                connection.reset();
            failFromWorker(*job, std::make_exception_ptr(
                                     ApiError::internal(QStringLiteral("database error"))));
        }
    }
}

QFuture<void> Database::ping()
{
    return transact([](pqxx::work &tx) { tx.exec("SELECT 1"); });
}

} // namespace nova
