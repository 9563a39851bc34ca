#pragma once

#include "console/alertmanager/alertmanager_types.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace nova {

// Asks for what a silence of one alert needs: how long, why and who. It matches the alert's
// labels exactly, so that it mutes that alert and no other.
class SilenceDialog : public QDialog
{
    Q_OBJECT

public:
    SilenceDialog(const ManagedAlert &alert, const QString &who, QWidget *parent = nullptr);

    SilenceRequest request() const;

private:
    void check();

    ManagedAlert m_alert;
    QComboBox *m_duration = nullptr;
    QLineEdit *m_comment = nullptr;
    QLineEdit *m_who = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace nova
