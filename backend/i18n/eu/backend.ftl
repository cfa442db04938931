# APIaren errore-mezuak (euskara).
error-bad-request = Ezin izan da eskaera ulertu. Egiaztatu haren formatua eta eduki mota.
error-validation-failed = Eremu batzuk ez dira baliozkoak.
error-unauthorized = Saioa hasi behar duzu.
error-invalid-credentials = Erabiltzaile-izena edo pasahitza okerra da.
error-csrf-header-missing = Eskaera honek ez du segurtasun-goiburua. Kargatu berriro orria eta saiatu berriro.
error-forbidden = Ez duzu hau egiteko baimenik.
error-not-found = Ez da aurkitu.
error-conflict = Honek lehendik dauden datuekin talka egiten du.
error-rate-limited = Saiakera gehiegi. Itxaron minutu batzuk eta saiatu berriro.
error-method-not-allowed = Metodo hau ez dago baimenduta hemen.
error-internal = Zerbaitek huts egin du zerbitzarian. Xehetasunak zerbitzariaren erregistroan daude.
error-database-unavailable = Datu-basea ez dago erabilgarri une honetan.

validation-required = Eremu hau derrigorrezkoa da.
validation-too-short = Gutxienez { $min } karaktere izan behar ditu.
validation-too-long = Gehienez { $max } karaktere izan ditzake.
validation-out-of-range = { $min } eta { $max } artean egon behar du.
validation-invalid = Balio hau ez da baliozkoa.
validation-not-allowed = Aukera hau ez dago baimenduta.
validation-duplicate = Izen hau dagoeneko erabiltzen ari da.
validation-not-found = Hautatutako elementua ez da existitzen.
validation-time-format = Erabili 24 orduko HH:MM formatua, adibidez 21:00.
validation-directory-missing = Direktorioa ez dago zerbitzarian.
validation-directory-not-writable = Zerbitzariak ezin du direktorio honetan idatzi.
validation-mismatch = Balioak ez datoz bat.
