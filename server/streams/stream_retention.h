#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

namespace nova {

class StreamService;

// What is kept of streams is bounded in time as well: a PENDING stream that never went live fails
// after `pendingExpiry` (its key opens nothing from then on), and an ended stream's HLS files, if
// they are on this host (`hlsPath`), are removed `hlsRetention` after it ended, after which nginx
// answers 404 for them. Every replica sweeps; each change is made once, and removing a directory
// another replica removed first is no error. Only directories named by a stream id are touched.
class StreamRetention : public QObject
{
    Q_OBJECT

public:
    StreamRetention(StreamService &streams, std::chrono::milliseconds pendingExpiry,
                    QString hlsPath, std::chrono::milliseconds hlsRetention,
                    QObject *parent = nullptr);

    void start();
    void sweep();

    // The stream ids among the entries of `directory` (its subdirectories named by a UUID).
    static QList<QUuid> streamDirectories(const QString &directory);

private:
    void removeEndedHls();

    StreamService &m_streams;
    std::chrono::milliseconds m_pendingExpiry;
    QString m_hlsPath;
    std::chrono::milliseconds m_hlsRetention;
    QTimer m_timer;
    bool m_sweeping = false;
};

} // namespace nova
