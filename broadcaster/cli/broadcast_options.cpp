#include "broadcaster/cli/broadcast_options.h"

#include "broadcaster/recorder/stream_recorder.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QHash>
#include <QProcessEnvironment>

namespace nova {

namespace {
struct Options
{
    QCommandLineOption headless{
        QStringLiteral("headless"),
        QStringLiteral("Run without a window; print one JSON line a second.")};
    QCommandLineOption api{
        QStringLiteral("api"),
        QStringLiteral("nova-server URL; with --token and --title, creates the stream."),
        QStringLiteral("url")};
    QCommandLineOption token{
        QStringLiteral("token"),
        QStringLiteral("A streamer's or an operator's token (or NOVA_ADMIN_TOKEN)."),
        QStringLiteral("token")};
    QCommandLineOption title{QStringLiteral("title"),
                             QStringLiteral("Title of the stream to create."),
                             QStringLiteral("text")};
    QCommandLineOption rtmpUrl{
        QStringLiteral("rtmp-url"),
        QStringLiteral("RTMP ingest URL of an existing stream (rtmp://host:port/app); given "
                       "again, further ingest nodes tried in turn on reconnect."),
        QStringLiteral("url")};
    QCommandLineOption streamKey{QStringLiteral("stream-key"),
                                 QStringLiteral("Its stream key (or NOVA_STREAM_KEY)."),
                                 QStringLiteral("key")};
    QCommandLineOption size{QStringLiteral("size"),
                            QStringLiteral("Picture size (default 1280x720)."),
                            QStringLiteral("WxH"), QStringLiteral("1280x720")};
    QCommandLineOption fps{QStringLiteral("fps"), QStringLiteral("Frames per second (default 30)."),
                           QStringLiteral("n"), QStringLiteral("30")};
    QCommandLineOption bitrate{QStringLiteral("bitrate"),
                               QStringLiteral("Video bitrate, e.g. 2500k or 6M (default 2500k)."),
                               QStringLiteral("rate"), QStringLiteral("2500k")};
    QCommandLineOption audioBitrate{QStringLiteral("audio-bitrate"),
                                    QStringLiteral("AAC bitrate (default 128k)."),
                                    QStringLiteral("rate"), QStringLiteral("128k")};
    QCommandLineOption preset{
        QStringLiteral("preset"),
        QStringLiteral("x264 preset, ultrafast..veryslow (default veryfast)."),
        QStringLiteral("name"), QStringLiteral("veryfast")};
    QCommandLineOption reconnect{
        QStringLiteral("reconnect"),
        QStringLiteral("Once live, reconnect by itself when the connection breaks (waits of "
                       "1 s growing about 1.5x to 30 s) instead of exiting.")};
    QCommandLineOption video{
        QStringLiteral("video"),
        QStringLiteral("The picture: screen[:X,Y,WxH] (the X display in DISPLAY), camera[:DEVICE], "
                       "file:PATH or synthetic (default)."),
        QStringLiteral("source"), QStringLiteral("synthetic")};
    QCommandLineOption audio{
        QStringLiteral("audio"),
        QStringLiteral("The sound: pulse[:SOURCE] (a microphone, or SINK.monitor for the "
                       "desktop's sound), none or synthetic; several are mixed (default: "
                       "synthetic with the synthetic picture, none otherwise)."),
        QStringLiteral("source")};
    QCommandLineOption pip{
        QStringLiteral("pip"),
        QStringLiteral("A second picture in a corner, e.g. camera or file:PATH."),
        QStringLiteral("source")};
    QCommandLineOption pipCorner{
        QStringLiteral("pip-corner"),
        QStringLiteral("Its corner: top-left, top-right, bottom-left or bottom-right (default)."),
        QStringLiteral("corner"), QStringLiteral("bottom-right")};
    QCommandLineOption pipSize{
        QStringLiteral("pip-size"),
        QStringLiteral("Its width in % of the picture's, 10 to 50 (default 25)."),
        QStringLiteral("percent"), QStringLiteral("25")};
    QCommandLineOption fixedBitrate{
        QStringLiteral("fixed-bitrate"),
        QStringLiteral("Keep the bitrate when the network cannot keep up (only pictures are "
                       "dropped then); by default it is lowered and raised again after.")};
    QCommandLineOption record{
        QStringLiteral("record"),
        QStringLiteral("Also write what is sent to this .mkv or .mp4 file (no second encode)."),
        QStringLiteral("file")};
    QCommandLineOption duration{
        QStringLiteral("duration"),
        QStringLiteral("Stop after this many seconds (default: until Ctrl-C)."),
        QStringLiteral("seconds"), QStringLiteral("0")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOptions({headless,  api,       token,        title,   rtmpUrl,
                           streamKey, size,      fps,          bitrate, audioBitrate,
                           preset,    reconnect, video,        audio,   pip,
                           pipCorner, pipSize,   fixedBitrate, record,  duration});
    }
};

const QStringList kPresets = {
    QStringLiteral("ultrafast"), QStringLiteral("superfast"), QStringLiteral("veryfast"),
    QStringLiteral("faster"),    QStringLiteral("fast"),      QStringLiteral("medium"),
    QStringLiteral("slow"),      QStringLiteral("slower"),    QStringLiteral("veryslow")};

[[noreturn]] void usage(const QString &message)
{
    throw UsageError(message.toStdString());
}

void configure(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(QStringLiteral(
        "Publishes the screen, a camera, a media file or a test picture, with the microphone and "
        "the desktop's sound, as H.264 + AAC over RTMP.\n\n"
        "  nova-broadcaster --headless --api URL --token T --title X   creates a stream, goes "
        "live\n"
        "  nova-broadcaster --headless --rtmp-url URL --stream-key K   goes live on a stream\n"
        "  nova-broadcaster [--api URL] [--rtmp-url URL] [--go-live]    the window\n"
        "                   [--screenshot FILE --after SECONDS]\n\n"
        "Exit status: 0 clean end, 2 bad command line, 3 the API refused or is unreachable,\n"
        "4 the RTMP server is unreachable, 5 the stream key was refused, 6 the connection\n"
        "broke or timed out, 7 encoder failure."));
    parser.addHelpOption();
    parser.addVersionOption();
    options.addTo(parser);
}
} // namespace

int parseBitrateKbps(const QString &text)
{
    QString value = text.trimmed().toLower();
    double multiplier = 0.001; // plain numbers are bits per second
    if (value.endsWith(u'k')) {
        multiplier = 1;
        value.chop(1);
    } else if (value.endsWith(u'm')) {
        multiplier = 1000;
        value.chop(1);
    }
    bool ok = false;
    const double number = value.toDouble(&ok);
    const double kbps = number * multiplier;
    if (!ok || kbps < 16 || kbps > 100'000)
        return 0;
    return int(kbps + 0.5);
}

BroadcastOptions BroadcastOptions::parse(const QStringList &arguments,
                                         const QProcessEnvironment &environment)
{
    const Options o;
    QCommandLineParser parser;
    configure(parser, o);
    if (!parser.parse(arguments))
        usage(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        usage(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    BroadcastOptions out;
    out.headless = parser.isSet(o.headless);

    const bool apiMode = parser.isSet(o.api);
    const bool rtmpMode = parser.isSet(o.rtmpUrl);
    if (apiMode == rtmpMode)
        usage(QStringLiteral("give either --api (with --token and --title) or --rtmp-url (with "
                             "--stream-key)"));
    if (apiMode) {
        out.apiUrl = QUrl(parser.value(o.api), QUrl::StrictMode);
        if (!out.apiUrl.isValid() || !out.apiUrl.scheme().startsWith(u"http") ||
            out.apiUrl.host().isEmpty())
            usage(QStringLiteral("--api must be an http(s) URL"));
        out.token = parser.isSet(o.token) ? parser.value(o.token)
                                          : environment.value(QStringLiteral("NOVA_ADMIN_TOKEN"));
        if (out.token.isEmpty())
            usage(QStringLiteral("--api needs --token (or NOVA_ADMIN_TOKEN)"));
        out.title = parser.value(o.title).trimmed();
        if (out.title.isEmpty())
            usage(QStringLiteral("--api needs --title"));
    } else {
        // Several --rtmp-url: the platform's ingest nodes, tried in turn.
        for (const QString &value : parser.values(o.rtmpUrl)) {
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"rtmp" && url.scheme() != u"rtmps") ||
                url.host().isEmpty())
                usage(QStringLiteral("--rtmp-url must be an rtmp:// URL"));
            if (out.settings.ingestUrl.isEmpty())
                out.settings.ingestUrl = url.toString();
            else
                out.settings.fallbackIngestUrls.append(url.toString());
        }
        out.settings.streamKey = parser.isSet(o.streamKey)
                                     ? parser.value(o.streamKey)
                                     : environment.value(QStringLiteral("NOVA_STREAM_KEY"));
        if (out.settings.streamKey.isEmpty())
            usage(QStringLiteral("--rtmp-url needs --stream-key (or NOVA_STREAM_KEY)"));
    }

    bool ok = false;
    const int fps = parser.value(o.fps).toInt(&ok);
    if (!ok || fps < 1 || fps > 120)
        usage(QStringLiteral("--fps must be from 1 to 120"));
    const auto format = VideoFormat::parseSize(parser.value(o.size), fps);
    if (!format)
        usage(QStringLiteral("--size must be WxH with even sizes from 160x90 to 3840x2160"));
    out.settings.video.format = *format;

    out.settings.video.bitrateKbps = parseBitrateKbps(parser.value(o.bitrate));
    if (!out.settings.video.bitrateKbps)
        usage(QStringLiteral("--bitrate must be like 2500k or 6M (16k to 100M)"));
    out.settings.audioBitrateKbps = parseBitrateKbps(parser.value(o.audioBitrate));
    if (out.settings.audioBitrateKbps < 32 || out.settings.audioBitrateKbps > 512)
        usage(QStringLiteral("--audio-bitrate must be from 32k to 512k"));

    out.settings.video.preset = parser.value(o.preset);
    if (!kPresets.contains(out.settings.video.preset))
        usage(QStringLiteral("--preset must be one of %1").arg(kPresets.join(u", ")));

    out.settings.reconnect = parser.isSet(o.reconnect);
    out.settings.dynamicBitrate = !parser.isSet(o.fixedBitrate);

    QString error;
    const auto video = VideoSourceSpec::parse(parser.value(o.video), &error);
    if (!video)
        usage(error);
    out.scene.video = *video;
    out.scene.audio.clear();
    const QStringList sounds = parser.isSet(o.audio)
                                   ? parser.values(o.audio)
                                   : QStringList{video->kind == VideoSourceSpec::Kind::Synthetic
                                                     ? QStringLiteral("synthetic")
                                                     : QStringLiteral("none")};
    for (const QString &text : sounds) {
        const auto sound = AudioSourceSpec::parse(text, &error);
        if (!sound)
            usage(error);
        if (sound->kind != AudioSourceSpec::Kind::None)
            out.scene.audio.append(*sound);
    }
    // A media file's own sound is heard unless --audio none asks for silence.
    out.scene.pictureSound = !(parser.isSet(o.audio) && out.scene.audio.isEmpty());
    if (parser.isSet(o.pip)) {
        const auto overlay = VideoSourceSpec::parse(parser.value(o.pip), &error);
        if (!overlay)
            usage(error.replace(QStringLiteral("--video"), QStringLiteral("--pip")));
        out.scene.overlay = *overlay;
        static const QHash<QString, PictureInPicture::Corner> corners = {
            {QStringLiteral("top-left"), PictureInPicture::Corner::TopLeft},
            {QStringLiteral("top-right"), PictureInPicture::Corner::TopRight},
            {QStringLiteral("bottom-left"), PictureInPicture::Corner::BottomLeft},
            {QStringLiteral("bottom-right"), PictureInPicture::Corner::BottomRight}};
        const auto corner = corners.constFind(parser.value(o.pipCorner));
        if (corner == corners.cend())
            usage(QStringLiteral("--pip-corner must be top-left, top-right, bottom-left or "
                                 "bottom-right"));
        out.scene.placement.corner = *corner;
        const int percent = parser.value(o.pipSize).toInt(&ok);
        if (!ok || percent < 10 || percent > 50)
            usage(QStringLiteral("--pip-size must be from 10 to 50 (% of the picture's width)"));
        out.scene.placement.widthFraction = percent / 100.0;
    }
    if (parser.isSet(o.record)) {
        const QString path = parser.value(o.record);
        if (StreamRecorder::formatFor(path).isEmpty())
            usage(QStringLiteral("--record needs a file name ending in .mkv or .mp4"));
        // One file per broadcast: an earlier recording is never written over.
        if (QFileInfo::exists(path))
            usage(QStringLiteral("--record: %1 exists already; give a new name").arg(path));
        out.settings.recordPath = path;
    }
    out.display = environment.value(QStringLiteral("DISPLAY"));

    const qint64 seconds = parser.value(o.duration).toLongLong(&ok);
    if (!ok || seconds < 0)
        usage(QStringLiteral("--duration must be a whole number of seconds"));
    out.settings.duration = std::chrono::seconds(seconds);
    return out;
}

QString BroadcastOptions::helpText()
{
    const Options o;
    QCommandLineParser parser;
    configure(parser, o);
    return parser.helpText();
}

} // namespace nova
