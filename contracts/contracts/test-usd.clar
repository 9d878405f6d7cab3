;; A SIP-010 stablecoin for simnet tests and the devnode only (never deployed to mainnet): anyone
;; may mint, so tests can fund borrowers and lenders.
(impl-trait .sip-010-trait.sip-010-trait)

(define-fungible-token test-usd)

(define-constant ERR-NOT-SENDER (err u1))

(define-public (transfer (amount uint) (sender principal) (recipient principal) (memo (optional (buff 34))))
  (begin
    (asserts! (is-eq tx-sender sender) ERR-NOT-SENDER)
    (try! (ft-transfer? test-usd amount sender recipient))
    (match memo m (print m) 0x)
    (ok true)))

(define-public (mint (amount uint) (recipient principal))
  (ft-mint? test-usd amount recipient))

(define-read-only (get-name) (ok "Test USD"))
(define-read-only (get-symbol) (ok "TUSD"))
(define-read-only (get-decimals) (ok u6))
(define-read-only (get-balance (who principal)) (ok (ft-get-balance test-usd who)))
(define-read-only (get-total-supply) (ok (ft-get-supply test-usd)))
(define-read-only (get-token-uri) (ok none))
