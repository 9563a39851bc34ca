#include "console/alertmanager/silences_feed.h"

#include "console/alertmanager/alertmanager_client.h"
#include "console/async/future_outcome.h"

namespace nova {

SilencesFeed::SilencesFeed(AlertmanagerClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setInterval(kInterval);
    connect(&m_timer, &QTimer::timeout, this, &SilencesFeed::refresh);
}

void SilencesFeed::start()
{
    m_timer.start();
    refresh();
}

void SilencesFeed::refresh()
{
    const quint64 generation = ++m_generation;
    whenFinished(m_client.alerts(), this,
                 [this, generation](const QFuture<QList<ManagedAlert>> &alertsDone) {
                     if (generation != m_generation)
                         return;
                     QString problem;
                     const auto alerts = resultOf(alertsDone, &problem);
                     if (!alerts) {
                         emit unavailable(problem);
                         return;
                     }
                     whenFinished(m_client.silences(), this,
                                  [this, generation,
                                   alerts = *alerts](const QFuture<QList<Silence>> &silencesDone) {
                                      if (generation != m_generation)
                                          return;
                                      QString why;
                                      if (const auto silences = resultOf(silencesDone, &why))
                                          emit read(alerts, *silences);
                                      else
                                          emit unavailable(why);
                                  });
                 });
}

void SilencesFeed::create(const SilenceRequest &request)
{
    whenFinished(m_client.createSilence(request), this, [this](const QFuture<QString> &done) {
        QString problem;
        if (const auto id = resultOf(done, &problem)) {
            emit created(*id);
            refresh();
        } else {
            emit actionFailed(tr("Could not create the silence: %1").arg(problem));
        }
    });
}

void SilencesFeed::expire(const QString &id)
{
    whenFinished(m_client.expireSilence(id), this, [this, id](const QFuture<void> &done) {
        try {
            QFuture<void>(done).waitForFinished();
            emit expired(id);
            refresh();
        } catch (...) {
            emit actionFailed(tr("Could not expire the silence: %1")
                                  .arg(describeFailure(std::current_exception())));
        }
    });
}

} // namespace nova
