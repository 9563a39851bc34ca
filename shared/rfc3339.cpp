#include "shared/rfc3339.h"

#include <QTimeZone>

namespace nova {

QString toRfc3339(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz") + u'Z';
}

QDateTime fromRfc3339(QStringView text)
{
    QDateTime parsed = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid() || parsed.timeSpec() == Qt::LocalTime)
        return {};
    return parsed.toUTC();
}

} // namespace nova
