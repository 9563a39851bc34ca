#pragma once

#include "ladder/playlist/master_playlist.h"

#include <QList>
#include <QString>

namespace nova {

// A stream's master playlist on disk, rewritten only when what it says has moved: a variant came
// or went, or a bandwidth changed by more than a tenth (players read it once, so it should be
// right, but it need not follow every segment).
class MasterPlaylistFile
{
public:
    explicit MasterPlaylistFile(QString path);

    // Writes `variants` if they differ enough from what the file says; false and `error` if the
    // file cannot be written.
    bool update(const QList<VariantStream> &variants, QString *error);
    bool written() const { return m_written; }

private:
    bool differs(const QList<VariantStream> &variants) const;

    QString m_path;
    QList<VariantStream> m_current;
    bool m_written = false;
};

} // namespace nova
