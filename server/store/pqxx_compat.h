#pragma once

// libpqxx 6.4 (Debian 12) and 7.10 (Debian 13) spell parameterised statements and LISTEN
// differently, and 7.10 deprecates 6.4's spelling. This is the one place that knows.

#include <pqxx/pqxx>

#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace nova::db {

template<typename... Args>
pqxx::result exec(pqxx::transaction_base &tx, const std::string &query, Args &&...args)
{
#if PQXX_VERSION_MAJOR >= 7
    return tx.exec(pqxx::zview(query), pqxx::params{std::forward<Args>(args)...});
#else
    return tx.exec_params(query, std::forward<Args>(args)...);
#endif
}

// Exactly one row, or pqxx::unexpected_rows.
template<typename... Args>
pqxx::row exec1(pqxx::transaction_base &tx, const std::string &query, Args &&...args)
{
#if PQXX_VERSION_MAJOR >= 7
    return exec(tx, query, std::forward<Args>(args)...).one_row();
#else
    return tx.exec_params1(query, std::forward<Args>(args)...);
#endif
}

template<typename... Args>
pqxx::result execPrepared(pqxx::transaction_base &tx, const char *statement, Args &&...args)
{
#if PQXX_VERSION_MAJOR >= 7
    return tx.exec(pqxx::prepped{statement}, pqxx::params{std::forward<Args>(args)...});
#else
    return tx.exec_prepared(statement, std::forward<Args>(args)...);
#endif
}

// LISTENs on `channel` for as long as the returned handle lives (and the connection does); each
// notification's payload goes to `onPayload` from inside connection.await_notification().
#if PQXX_VERSION_MAJOR >= 7
using Listening = std::unique_ptr<int>;
inline Listening listen(pqxx::connection &connection, const std::string &channel,
                        std::function<void(const std::string &)> onPayload)
{
    connection.listen(channel, [onPayload = std::move(onPayload)](pqxx::notification note) {
        onPayload(std::string(note.payload));
    });
    return std::make_unique<int>(0);
}
#else
class ListeningReceiver : public pqxx::notification_receiver
{
public:
    ListeningReceiver(pqxx::connection &connection, const std::string &channel,
                      std::function<void(const std::string &)> onPayload)
        : pqxx::notification_receiver(connection, channel)
        , m_onPayload(std::move(onPayload))
    {}
    void operator()(const std::string &payload, int) override { m_onPayload(payload); }

private:
    std::function<void(const std::string &)> m_onPayload;
};
using Listening = std::unique_ptr<ListeningReceiver>;
inline Listening listen(pqxx::connection &connection, const std::string &channel,
                        std::function<void(const std::string &)> onPayload)
{
    return std::make_unique<ListeningReceiver>(connection, channel, std::move(onPayload));
}
#endif

} // namespace nova::db
