#pragma once

#include <QByteArrayView>
#include <QString>

namespace nova {

// RFC 6381 codec strings for a master playlist's CODECS attribute, which players use to skip
// variants they cannot play (Apple's authoring rules ask for it on every variant).

// "avc1.PPCCLL" (profile, constraint flags, level) from H.264 extradata: an avcC record (FLV, MP4)
// or Annex B parameter sets (MPEG-TS, an encoder's global header). Empty when there is no SPS.
QString avcCodecString(QByteArrayView extradata);

// "mp4a.40.N" (N: the audio object type, 2 for AAC-LC) from an AudioSpecificConfig. Empty when it
// is too short to say.
QString aacCodecString(QByteArrayView audioSpecificConfig);

} // namespace nova
