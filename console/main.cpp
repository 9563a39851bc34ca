// nova-console: the operator's live dashboard (DESIGN.md, "Command lines").
#include "console/app/console_options.h"
#include "console/window/main_window.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    // The preview plays HLS with FFmpeg (already Nova's media library); Qt 6.4's GStreamer backend
    // would need extra plugins for HLS.
    if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Nova"));
    QApplication::setApplicationName(QStringLiteral("nova-console"));
    QApplication::setApplicationVersion(QStringLiteral(NOVA_VERSION));

    QString error;
    const auto options = nova::ConsoleOptions::parse(
        QApplication::arguments(), QProcessEnvironment::systemEnvironment(), &error);
    if (!options) {
        const bool help = QApplication::arguments().contains(QStringLiteral("--help")) ||
                          QApplication::arguments().contains(QStringLiteral("-h"));
        std::fprintf(help ? stdout : stderr, "%s%s\n",
                     help ? "" : "nova-console: ", qPrintable(error));
        return help ? 0 : 2;
    }

    nova::MainWindow window(*options);
    window.show();

    if (!options->screenshotFile.isEmpty()) {
        const QString file = options->screenshotFile;
        QTimer::singleShot(int(options->screenshotAfterSeconds * 1000), &window, [&window, file] {
            QDir().mkpath(QFileInfo(file).absolutePath());
            if (!window.grab().save(file)) {
                std::fprintf(stderr, "nova-console: cannot write the screenshot to %s\n",
                             qPrintable(file));
                QApplication::exit(1);
                return;
            }
            window.close();
        });
    }
    return QApplication::exec();
}
