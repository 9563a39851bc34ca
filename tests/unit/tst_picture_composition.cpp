// The composed picture: a second picture scaled into its corner, over the main one.

#include "broadcaster/mixer/audio_mixer.h"
#include "broadcaster/scene/composed_source.h"
#include "yuv_picture.h"

#include <QTest>

#include <cstring>

using namespace nova;

namespace {
// A flat picture of one luma value.
class FlatSource : public MediaSource
{
public:
    explicit FlatSource(uint8_t luma)
        : m_luma(luma)
    {}
    void renderVideo(AVFrame *frame, qint64, const QDateTime &) override
    {
        for (int row = 0; row < frame->height; ++row)
            std::memset(frame->data[0] + row * frame->linesize[0], m_luma, size_t(frame->width));
        for (int plane = 1; plane <= 2; ++plane)
            for (int row = 0; row < frame->height / 2; ++row)
                std::memset(frame->data[plane] + row * frame->linesize[plane], 128,
                            size_t(frame->width / 2));
    }
    void renderAudio(AVFrame *, qint64) override {}
    QString problem() const override { return m_problem; }
    QString m_problem;

private:
    uint8_t m_luma;
};

uint8_t lumaAt(const AVFrame *frame, int x, int y)
{
    return frame->data[0][y * frame->linesize[0] + x];
}
} // namespace

class TestPictureComposition : public QObject
{
    Q_OBJECT

private slots:
    void theCornerAreaKeepsTheAspectAndAMargin()
    {
        PictureInPicture pip; // bottom right, a quarter of the width
        const QRect area = pip.areaIn(1280, 720);
        QCOMPARE(area.width(), 320);
        QCOMPARE(area.height(), 180);
        QCOMPARE(area.right(), 1280 - 1 - 24); // 2 % of the width, even
        QCOMPARE(area.bottom(), 720 - 1 - 24);
        pip.corner = PictureInPicture::Corner::TopLeft;
        pip.widthFraction = 0.9; // more than half is not a corner any more
        QCOMPARE(pip.areaIn(1280, 720), QRect(24, 24, 640, 360));
    }

    void theOverlayIsDrawnInItsCornerOnly()
    {
        auto main = std::make_shared<FlatSource>(40);
        auto camera = std::make_shared<FlatSource>(200);
        ComposedSource scene(main, std::make_shared<AudioMixer>(QList<AudioMixer::Input>{}));
        PictureInPicture pip;
        pip.corner = PictureInPicture::Corner::TopRight;
        scene.setOverlay(camera, pip);
        const VideoFormat format{640, 360, 30};
        const AvFramePtr frame = test::yuvPicture(format);
        scene.renderVideo(frame.get(), 0, QDateTime::currentDateTimeUtc());

        const QRect area = pip.areaIn(640, 360);
        QCOMPARE(lumaAt(frame.get(), area.center().x(), area.center().y()), uint8_t(200));
        QCOMPARE(lumaAt(frame.get(), 20, 300), uint8_t(40)); // bottom left: the main one
        QCOMPARE(lumaAt(frame.get(), area.left() - 4, 10), uint8_t(40)); // just beside the corner
    }

    void problemsOfEverySourceAreTold()
    {
        auto main = std::make_shared<FlatSource>(40);
        auto camera = std::make_shared<FlatSource>(200);
        ComposedSource scene(main, std::make_shared<AudioMixer>(QList<AudioMixer::Input>{}));
        scene.setOverlay(camera, {});
        QVERIFY(scene.problem().isEmpty());
        camera->m_problem = QStringLiteral("the camera stopped");
        main->m_problem = QStringLiteral("the screen on :0 stopped");
        QCOMPARE(scene.problem(), QStringLiteral("the screen on :0 stopped\nthe camera stopped"));
    }
};

QTEST_APPLESS_MAIN(TestPictureComposition)
#include "tst_picture_composition.moc"
