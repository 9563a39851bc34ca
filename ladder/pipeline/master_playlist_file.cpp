#include "ladder/pipeline/master_playlist_file.h"

#include <QSaveFile>

#include <cmath>

namespace nova {

namespace {
constexpr double kBandwidthSlack = 0.1;

bool movedMuch(std::int64_t was, std::int64_t now)
{
    if (was == 0 || now == 0)
        return was != now;
    return std::abs(double(now - was)) > kBandwidthSlack * double(was);
}
} // namespace

MasterPlaylistFile::MasterPlaylistFile(QString path)
    : m_path(std::move(path))
{}

bool MasterPlaylistFile::differs(const QList<VariantStream> &variants) const
{
    if (!m_written || variants.size() != m_current.size())
        return true;
    for (qsizetype i = 0; i < variants.size(); ++i) {
        const VariantStream &was = m_current[i];
        const VariantStream &now = variants[i];
        if (was.uri != now.uri || was.codecs != now.codecs || was.width != now.width ||
            was.height != now.height || movedMuch(was.bandwidth, now.bandwidth) ||
            movedMuch(was.averageBandwidth, now.averageBandwidth)) {
            return true;
        }
    }
    return false;
}

bool MasterPlaylistFile::update(const QList<VariantStream> &variants, QString *error)
{
    if (!differs(variants))
        return true;
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(masterPlaylist(variants)) < 0 ||
        !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    m_current = variants;
    m_written = true;
    return true;
}

} // namespace nova
