#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace nova::test {

// An X server of the test's own (Xvfb), so that what the screen shows is known: show() puts a
// picture on its root window (ImageMagick's display). Stopped with the object.
class VirtualScreen
{
public:
    VirtualScreen(int width, int height);
    ~VirtualScreen();

    // Empty once the server is up; otherwise why it is not.
    QString problem() const { return m_problem; }
    QString display() const { return m_display; }
    bool show(const QString &pictureFile);

private:
    QProcess m_server;
    QString m_display;
    QString m_problem;
};

// A PulseAudio server of the test's own, with a null sink whose monitor a broadcaster can capture;
// play() sends a tone into that sink for a while. Its clients find it through PULSE_SERVER, which
// the constructor sets for the test and its children. Stopped with the object.
class VirtualSoundServer
{
public:
    VirtualSoundServer();
    ~VirtualSoundServer();

    QString problem() const { return m_problem; }
    // The null sinks' monitors: the desktop's sound, as a streamer's would be.
    QString monitorOf(const QString &sink) const { return sink + QStringLiteral(".monitor"); }
    bool addSink(const QString &name);
    // A sine of `hertz` into `sink`, for `seconds`, in the background.
    bool play(const QString &sink, int hertz, int seconds);

private:
    QTemporaryDir m_dir;
    QString m_problem;
    QList<QProcess *> m_players;
};

} // namespace nova::test
