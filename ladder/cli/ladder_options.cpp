#include "ladder/cli/ladder_options.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>
#include <thread>

namespace nova {

namespace {
bool readNumber(const QString &text, double low, double high, double *out)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < low || value > high)
        return false;
    *out = value;
    return true;
}
} // namespace

std::optional<LadderOptions> parseLadderOptions(const QStringList &arguments, QString *error)
{
    LadderOptions options;
    // About one stream's renditions per core (docs/PERFORMANCE.md); the slots are this machine's.
    options.settings.transcodeSlots = int(std::max(1U, std::thread::hardware_concurrency()));
    options.settings.slotsDirectory = QDir::tempPath() + QStringLiteral("/nova-hls-ladder-slots");
    QString input;
    QString output;
    QStringList rest;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &name = arguments[i];
        if (!name.startsWith(QStringLiteral("--"))) {
            rest.append(name);
            continue;
        }
        if (i + 1 >= arguments.size()) {
            *error = QStringLiteral("%1 needs a value").arg(name);
            return std::nullopt;
        }
        const QString value = arguments[++i];
        double number = 0;
        if (name == QStringLiteral("--input")) {
            input = value;
        } else if (name == QStringLiteral("--output")) {
            output = value;
        } else if (name == QStringLiteral("--log")) {
            options.log = value;
        } else if (name == QStringLiteral("--segment-seconds")) {
            if (!readNumber(value, 1, 30, &number)) {
                *error = QStringLiteral("--segment-seconds takes 1 to 30, not '%1'").arg(value);
                return std::nullopt;
            }
            options.settings.segmentSeconds = number;
        } else if (name == QStringLiteral("--playlist-segments")) {
            if (!readNumber(value, 2, 100, &number) || number != int(number)) {
                *error = QStringLiteral("--playlist-segments takes 2 to 100, not '%1'").arg(value);
                return std::nullopt;
            }
            options.settings.playlistSegments = int(number);
        } else if (name == QStringLiteral("--renditions")) {
            const std::optional<QList<Tier>> tiers = parseTiers(value, error);
            if (!tiers) {
                *error = QStringLiteral("--renditions: ") + *error;
                return std::nullopt;
            }
            options.settings.tiers = *tiers;
        } else if (name == QStringLiteral("--transcode-slots")) {
            if (!readNumber(value, 0, 1000, &number) || number != int(number)) {
                *error = QStringLiteral("--transcode-slots takes 0 (no limit) to 1000, not '%1'")
                             .arg(value);
                return std::nullopt;
            }
            options.settings.transcodeSlots = int(number);
        } else if (name == QStringLiteral("--slots-dir")) {
            options.settings.slotsDirectory = value;
        } else if (name == QStringLiteral("--max-behind")) {
            if (!readNumber(value, 1, 600, &number)) {
                *error = QStringLiteral("--max-behind takes 1 to 600 seconds, not '%1'").arg(value);
                return std::nullopt;
            }
            options.settings.maxSecondsBehind = number;
        } else {
            *error = QStringLiteral("unknown option %1").arg(name);
            return std::nullopt;
        }
    }
    if (rest.size() != 1) {
        *error = QStringLiteral("give one stream id (after the options)");
        return std::nullopt;
    }
    // The id comes from nginx ($name after on_publish's rename): never let it make a path.
    static const QRegularExpression kId(
        QStringLiteral("^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$"));
    if (!kId.match(rest.first()).hasMatch()) {
        *error = QStringLiteral("'%1' is not a stream id").arg(rest.first());
        return std::nullopt;
    }
    if (input.isEmpty() || output.isEmpty()) {
        *error = QStringLiteral("--input and --output are needed");
        return std::nullopt;
    }
    options.streamId = rest.first();
    options.settings.input = input + u'/' + options.streamId;
    options.settings.directory = output + u'/' + options.streamId;
    return options;
}

} // namespace nova
