;; loan-protocol-v2: Bitcoin-collateral loans on Stacks with native BTC held by the Frostgate
;; validator network (spec 003 sections 1.2, 4 and 6, corrected).
;;
;; Clarity 6, epoch 4.0: what Stacks mainnet runs since Bitcoin block 960,230 (30 July 2026).
;;
;; Corrections to the spec:
;; - the loan's Bitcoin address is stored as its scriptPubKey, (buff 34) = 0x5120 || x-only key,
;;   and only when M of the N registered validators submit the same one (M = signing threshold);
;; - the deposit is proven in Clarity: the witness-stripped transaction is parsed, its txid
;;   (double SHA-256) is checked through the merkle branch against the root in the 80-byte header,
;;   the header must hash to the Bitcoin block known at the claimed height and have at least 3
;;   confirmations, and output N must pay the loan's scriptPubKey at least the collateral. The
;;   spec's `verify-merkle-proof` that returns true does not exist here. This SPV code is our own
;;   (the known Clarity Bitcoin library is AGPL);
;; - action requests take their amount (the proven deposit output) and recipient (the borrower's or
;;   the lender's scriptPubKey recorded in contract state) from state, never from the caller;
;; - an action's Bitcoin result counts as confirmed when M of the N validators report the same
;;   txid, each with its own Stacks transaction signed by the key its principal is derived from.
;;
;; Every state change the validators must see is printed as an event {event: "...", ...}.

(use-trait ft-trait .sip-010-trait.sip-010-trait)

;; ---------------------------------------------------------------------------------------------
;; Constants and errors

(define-constant MIN-CONFIRMATIONS u3)
(define-constant MIN-COLLATERAL-SATS u10000)
(define-constant FUNDING-GRACE-BLOCKS u144)
(define-constant MAX-TX-IO u32)

(define-constant ERR-NOT-OWNER (err u100))
(define-constant ERR-PAUSED (err u101))
(define-constant ERR-NOT-VALIDATOR (err u102))
(define-constant ERR-VALIDATOR-INACTIVE (err u103))
(define-constant ERR-VALIDATOR-EXISTS (err u104))
(define-constant ERR-BAD-THRESHOLD (err u105))
(define-constant ERR-MAINNET (err u106))
(define-constant ERR-BAD-KEY (err u107))

(define-constant ERR-LOAN-NOT-FOUND (err u200))
(define-constant ERR-BAD-STATUS (err u201))
(define-constant ERR-BAD-PARAMS (err u202))
(define-constant ERR-ALREADY-VOTED (err u203))
(define-constant ERR-BAD-SCRIPT (err u204))
(define-constant ERR-NOT-BORROWER (err u205))
(define-constant ERR-NOT-LENDER (err u206))
(define-constant ERR-AUCTION-OPEN (err u207))
(define-constant ERR-AUCTION-CLOSED (err u208))
(define-constant ERR-BID-TOO-HIGH (err u209))
(define-constant ERR-NOT-MATURE (err u210))
(define-constant ERR-MATURED (err u211))
(define-constant ERR-WRONG-TOKEN (err u212))
(define-constant ERR-NO-BID (err u213))
(define-constant ERR-SCRIPT-IN-USE (err u214))

(define-constant ERR-BAD-TX (err u300))
(define-constant ERR-UNKNOWN-HEADER (err u301))
(define-constant ERR-MERKLE-MISMATCH (err u302))
(define-constant ERR-CONFIRMATIONS (err u303))
(define-constant ERR-NO-SUCH-OUTPUT (err u304))
(define-constant ERR-WRONG-SCRIPT (err u305))
(define-constant ERR-AMOUNT-TOO-LOW (err u306))
(define-constant ERR-BAD-INDEX (err u308))

(define-constant ERR-REQUEST-NOT-FOUND (err u400))
(define-constant ERR-REQUEST-DONE (err u401))

;; ---------------------------------------------------------------------------------------------
;; State

(define-data-var contract-owner principal tx-sender)
(define-data-var paused bool false)
(define-data-var signing-threshold uint u0)
(define-data-var active-validators uint u0)
(define-data-var last-loan-id uint u0)
(define-data-var last-request-id uint u0)

;; The validator registry. The principal is derived from the public key (principal-of?), so the
;; key that signs a validator's Stacks transactions is the registered one.
(define-map validators principal
  {validator-id: uint, public-key: (buff 33), active: bool})
(define-map validator-ids uint principal)

(define-map loans uint
  {
    borrower: principal,
    token: principal,
    loan-amount: uint,
    max-repayment: uint,
    collateral-sats: uint,
    duration: uint,
    auction-blocks: uint,
    borrower-script: (buff 34),
    status: (string-ascii 20),
    created-at: uint,
    ;; set once M validators agree
    deposit-script: (optional (buff 34)),
    ;; set by the deposit proof
    deposit-txid: (optional (buff 32)),
    deposit-vout: uint,
    deposit-sats: uint,
    deposit-height: uint,
    auction-end: uint,
    ;; the best bid so far: the lowest repayment
    lender: (optional principal),
    repayment: uint,
    lender-script: (optional (buff 34)),
    maturity: uint,
    request-id: (optional uint)
  })

;; Address agreement: one vote per validator and loan, a tally per (loan, script). A script backs
;; one loan only, so one deposit can never be proven for two loans.
(define-map address-votes {loan-id: uint, validator: principal} (buff 34))
(define-map address-tally {loan-id: uint, script: (buff 34)} uint)
(define-map script-loans (buff 34) uint)


(define-map requests uint
  {
    loan-id: uint,
    kind: (string-ascii 10),
    utxo-txid: (buff 32),
    utxo-vout: uint,
    amount-sats: uint,
    recipient-script: (buff 34),
    requested-at: uint,
    status: (string-ascii 10),
    result-txid: (optional (buff 32))
  })
(define-map result-votes {request-id: uint, validator: principal} (buff 32))
(define-map result-tally {request-id: uint, txid: (buff 32)} uint)

;; Bitcoin block hashes (display order) injected by the owner for tests; never consulted and never
;; writable on mainnet.
(define-map test-burn-headers uint (buff 32))

;; ---------------------------------------------------------------------------------------------
;; Guards

(define-private (owner-only)
  (ok (asserts! (is-eq tx-sender (var-get contract-owner)) ERR-NOT-OWNER)))

(define-private (not-paused)
  (ok (asserts! (not (var-get paused)) ERR-PAUSED)))

(define-private (active-validator)
  (let ((v (unwrap! (map-get? validators tx-sender) ERR-NOT-VALIDATOR)))
    (asserts! (get active v) ERR-VALIDATOR-INACTIVE)
    (ok v)))

;; Bitcoin output scripts the validators will pay: P2PKH, P2SH, P2WPKH, P2WSH, P2TR.
(define-read-only (standard-script? (s (buff 34)))
  (let ((n (len s)))
    (or
      (and (is-eq n u22) (is-eq (slice? s u0 u2) (some 0x0014)))
      (and (is-eq n u34) (or (is-eq (slice? s u0 u2) (some 0x0020)) (is-eq (slice? s u0 u2) (some 0x5120))))
      (and (is-eq n u23) (is-eq (slice? s u0 u2) (some 0xa914)) (is-eq (element-at? s u22) (some 0x87)))
      (and (is-eq n u25) (is-eq (slice? s u0 u3) (some 0x76a914)) (is-eq (slice? s u23 u25) (some 0x88ac))))))

(define-read-only (taproot-script? (s (buff 34)))
  (and (is-eq (len s) u34) (is-eq (slice? s u0 u2) (some 0x5120))))

;; ---------------------------------------------------------------------------------------------
;; Administration: owner, pause, validator registry, threshold, test headers

(define-public (set-contract-owner (new-owner principal))
  (begin
    (try! (owner-only))
    (var-set contract-owner new-owner)
    (print {event: "owner-changed", owner: new-owner})
    (ok true)))

(define-public (set-paused (pause bool))
  (begin
    (try! (owner-only))
    (var-set paused pause)
    (print {event: (if pause "paused" "unpaused")})
    (ok true)))

(define-public (register-validator (validator-id uint) (public-key (buff 33)))
  (let ((who (unwrap! (principal-of? public-key) ERR-BAD-KEY)))
    (try! (owner-only))
    (asserts! (is-none (map-get? validators who)) ERR-VALIDATOR-EXISTS)
    (asserts! (is-none (map-get? validator-ids validator-id)) ERR-VALIDATOR-EXISTS)
    (map-set validators who {validator-id: validator-id, public-key: public-key, active: true})
    (map-set validator-ids validator-id who)
    (var-set active-validators (+ (var-get active-validators) u1))
    (print {event: "validator-registered", validator: who, validator-id: validator-id, public-key: public-key})
    (ok who)))

;; Deactivating a validator must leave at least M active ones, or nothing could be agreed any more.
(define-public (set-validator-active (who principal) (active bool))
  (let ((v (unwrap! (map-get? validators who) ERR-NOT-VALIDATOR))
        (count (var-get active-validators))
        (new-count (if (is-eq active (get active v)) count (if active (+ count u1) (- count u1)))))
    (try! (owner-only))
    (asserts! (>= new-count (var-get signing-threshold)) ERR-BAD-THRESHOLD)
    (map-set validators who (merge v {active: active}))
    (var-set active-validators new-count)
    (print {event: "validator-status", validator: who, validator-id: (get validator-id v), active: active})
    (ok true)))

;; M must be a strict majority of the active validators, so two different answers can never both
;; reach M.
(define-public (set-signing-threshold (m uint))
  (let ((n (var-get active-validators)))
    (try! (owner-only))
    (asserts! (and (> m u0) (<= m n) (> (* m u2) n)) ERR-BAD-THRESHOLD)
    (var-set signing-threshold m)
    (print {event: "threshold-changed", threshold: m, validators: n})
    (ok true)))

(define-public (set-test-burn-header (height uint) (block-hash (buff 32)))
  (begin
    (asserts! (not is-in-mainnet) ERR-MAINNET)
    (try! (owner-only))
    (map-set test-burn-headers height block-hash)
    (print {event: "test-burn-header", height: height, block-hash: block-hash})
    (ok true)))

;; ---------------------------------------------------------------------------------------------
;; Loans: creation and the validators' address

(define-public (create-loan-auction-v2
    (token principal) (loan-amount uint) (max-repayment uint) (collateral-sats uint)
    (duration uint) (auction-blocks uint) (borrower-script (buff 34)))
  (let ((loan-id (+ (var-get last-loan-id) u1)))
    (try! (not-paused))
    (asserts! (and (> loan-amount u0) (>= max-repayment loan-amount)
                   (>= collateral-sats MIN-COLLATERAL-SATS) (> duration u0) (> auction-blocks u0))
              ERR-BAD-PARAMS)
    (asserts! (standard-script? borrower-script) ERR-BAD-SCRIPT)
    (map-set loans loan-id {
      borrower: tx-sender, token: token, loan-amount: loan-amount, max-repayment: max-repayment,
      collateral-sats: collateral-sats, duration: duration, auction-blocks: auction-blocks,
      borrower-script: borrower-script, status: "awaiting-address", created-at: stacks-block-height,
      deposit-script: none, deposit-txid: none, deposit-vout: u0, deposit-sats: u0, deposit-height: u0,
      auction-end: u0, lender: none, repayment: u0, lender-script: none, maturity: u0, request-id: none})
    (var-set last-loan-id loan-id)
    (print {event: "bitcoin-address-needed", loan-id: loan-id, borrower: tx-sender,
            collateral-sats: collateral-sats, token: token, loan-amount: loan-amount})
    (ok loan-id)))

(define-public (submit-bitcoin-address (loan-id uint) (script (buff 34)))
  (let ((v (try! (active-validator)))
        (loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND))
        (key {loan-id: loan-id, script: script})
        (votes (+ (default-to u0 (map-get? address-tally key)) u1)))
    (try! (not-paused))
    (asserts! (is-eq (get status loan) "awaiting-address") ERR-BAD-STATUS)
    (asserts! (taproot-script? script) ERR-BAD-SCRIPT)
    (asserts! (is-none (map-get? script-loans script)) ERR-SCRIPT-IN-USE)
    (asserts! (map-insert address-votes {loan-id: loan-id, validator: tx-sender} script) ERR-ALREADY-VOTED)
    (map-set address-tally key votes)
    (print {event: "address-vote", loan-id: loan-id, validator-id: (get validator-id v), script: script, votes: votes})
    (if (>= votes (var-get signing-threshold))
      (begin
        (map-set script-loans script loan-id)
        (map-set loans loan-id (merge loan {status: "awaiting-deposit", deposit-script: (some script)}))
        (print {event: "deposit-ready", loan-id: loan-id, script: script, collateral-sats: (get collateral-sats loan)})
        (ok true))
      (ok false))))

(define-public (cancel-loan (loan-id uint))
  (let ((loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND)))
    (try! (not-paused))
    (asserts! (is-eq tx-sender (get borrower loan)) ERR-NOT-BORROWER)
    (asserts! (or (is-eq (get status loan) "awaiting-address") (is-eq (get status loan) "awaiting-deposit")) ERR-BAD-STATUS)
    (map-set loans loan-id (merge loan {status: "cancelled"}))
    (print {event: "loan-cancelled", loan-id: loan-id})
    (ok true)))

;; ---------------------------------------------------------------------------------------------
;; SPV: Bitcoin transaction parsing, merkle branch, header

(define-constant IO-SLOTS (list u0 u1 u2 u3 u4 u5 u6 u7 u8 u9 u10 u11 u12 u13 u14 u15
                                u16 u17 u18 u19 u20 u21 u22 u23 u24 u25 u26 u27 u28 u29 u30 u31))

(define-private (read-le (tx (buff 4096)) (pos uint) (n uint))
  (match (slice? tx pos (+ pos n))
    bytes (some {v: (buff-to-uint-le (unwrap-panic (as-max-len? bytes u8))), pos: (+ pos n)})
    none))

;; Bitcoin's CompactSize, canonical encodings only (as Bitcoin Core reads them).
(define-private (read-varint (tx (buff 4096)) (pos uint))
  (match (element-at? tx pos)
    first
    (let ((f (buff-to-uint-le first)))
      (if (< f u253)
        (some {v: f, pos: (+ pos u1)})
        (let ((wide (if (is-eq f u253) (read-le tx (+ pos u1) u2)
                      (if (is-eq f u254) (read-le tx (+ pos u1) u4) (read-le tx (+ pos u1) u8))))
              (floor (if (is-eq f u253) u253 (if (is-eq f u254) u65536 u4294967296))))
          (match wide w (if (>= (get v w) floor) wide none) none))))
    none))

(define-private (skip-input (slot uint) (acc {tx: (buff 4096), pos: uint, left: uint, ok: bool}))
  (if (or (not (get ok acc)) (is-eq (get left acc) u0))
    acc
    (match (read-varint (get tx acc) (+ (get pos acc) u36))
      script-len
      (let ((next (+ (get pos script-len) (get v script-len) u4)))
        (if (<= next (len (get tx acc)))
          (merge acc {pos: next, left: (- (get left acc) u1)})
          (merge acc {ok: false})))
      (merge acc {ok: false}))))

(define-private (read-output
    (slot uint)
    (acc {tx: (buff 4096), pos: uint, left: uint, ok: bool, want: uint, amount: uint, script: (buff 4096), found: bool}))
  (if (or (not (get ok acc)) (is-eq (get left acc) u0))
    acc
    (match (read-le (get tx acc) (get pos acc) u8)
      amount
      (match (read-varint (get tx acc) (get pos amount))
        script-len
        (let ((start (get pos script-len))
              (end (+ start (get v script-len))))
          (match (slice? (get tx acc) start end)
            script
            (if (is-eq slot (get want acc))
              (merge acc {pos: end, left: (- (get left acc) u1), amount: (get v amount), script: script, found: true})
              (merge acc {pos: end, left: (- (get left acc) u1)}))
            (merge acc {ok: false})))
        (merge acc {ok: false}))
      (merge acc {ok: false}))))

;; Parses a witness-stripped transaction (at most 32 inputs and 32 outputs) to its last byte and
;; returns output `vout`. A 64-byte transaction is refused: it could be an inner merkle node.
(define-read-only (parse-tx-output (tx (buff 4096)) (vout uint))
  (let ((n-in (unwrap! (read-varint tx u4) ERR-BAD-TX))
        (ins (fold skip-input IO-SLOTS {tx: tx, pos: (get pos n-in), left: (get v n-in), ok: true})))
    (asserts! (not (is-eq (len tx) u64)) ERR-BAD-TX)
    (asserts! (and (> (get v n-in) u0) (<= (get v n-in) MAX-TX-IO)) ERR-BAD-TX)
    (asserts! (and (get ok ins) (is-eq (get left ins) u0)) ERR-BAD-TX)
    (let ((n-out (unwrap! (read-varint tx (get pos ins)) ERR-BAD-TX))
          (outs (fold read-output IO-SLOTS
                  {tx: tx, pos: (get pos n-out), left: (get v n-out), ok: true, want: vout,
                   amount: u0, script: 0x, found: false})))
      (asserts! (and (> (get v n-out) u0) (<= (get v n-out) MAX-TX-IO)) ERR-BAD-TX)
      (asserts! (and (get ok outs) (is-eq (get left outs) u0)) ERR-BAD-TX)
      ;; 4-byte lock time, then nothing
      (asserts! (is-eq (+ (get pos outs) u4) (len tx)) ERR-BAD-TX)
      (asserts! (get found outs) ERR-NO-SUCH-OUTPUT)
      (ok {txid: (sha256 (sha256 tx)), amount: (get amount outs), script: (get script outs)}))))

(define-private (merkle-step (sibling (buff 32)) (acc {hash: (buff 32), index: uint}))
  {hash: (if (is-eq (mod (get index acc) u2) u1)
           (sha256 (sha256 (concat sibling (get hash acc))))
           (sha256 (sha256 (concat (get hash acc) sibling)))),
   index: (/ (get index acc) u2)})

;; The merkle root (internal byte order) that `txid` (internal order) at position `index` and its
;; branch lead to; none when the index does not fit the branch's depth.
(define-read-only (merkle-root-of (txid (buff 32)) (index uint) (branch (list 24 (buff 32))))
  (let ((end (fold merkle-step branch {hash: txid, index: index})))
    (if (is-eq (get index end) u0) (some (get hash end)) none)))

(define-private (reverse-step (i uint) (acc {src: (buff 32), out: (buff 32)}))
  (merge acc {out: (unwrap-panic (as-max-len?
                     (concat (unwrap-panic (element-at? (get src acc) i)) (get out acc)) u32))}))

(define-read-only (reverse32 (h (buff 32)))
  (get out (fold reverse-step
    (list u0 u1 u2 u3 u4 u5 u6 u7 u8 u9 u10 u11 u12 u13 u14 u15
          u16 u17 u18 u19 u20 u21 u22 u23 u24 u25 u26 u27 u28 u29 u30 u31)
    {src: h, out: 0x})))

;; The hash (display order) of the Bitcoin block at `height` on the burn chain; off mainnet a hash
;; injected for tests takes precedence.
(define-read-only (known-block-hash (height uint))
  (if is-in-mainnet
    (get-burn-block-info? header-hash height)
    (match (map-get? test-burn-headers height)
      injected (some injected)
      (get-burn-block-info? header-hash height))))

;; Checks a deposit proof without changing state: the facts it proves, or the first failure.
(define-read-only (verify-deposit-proof
    (loan-id uint) (tx (buff 4096)) (vout uint) (header (buff 80)) (height uint)
    (tx-index uint) (branch (list 24 (buff 32))))
  (let ((loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND))
        (script (unwrap! (get deposit-script loan) ERR-BAD-STATUS))
        (out (try! (parse-tx-output tx vout)))
        (root (unwrap! (merkle-root-of (get txid out) tx-index branch) ERR-BAD-INDEX))
        (known (unwrap! (known-block-hash height) ERR-UNKNOWN-HEADER)))
    (asserts! (is-eq (len header) u80) ERR-UNKNOWN-HEADER)
    (asserts! (is-eq (reverse32 (sha256 (sha256 header))) known) ERR-UNKNOWN-HEADER)
    (asserts! (is-eq (slice? header u36 u68) (some root)) ERR-MERKLE-MISMATCH)
    (asserts! (and (<= height burn-block-height)
                   (>= (+ (- burn-block-height height) u1) MIN-CONFIRMATIONS)) ERR-CONFIRMATIONS)
    (asserts! (is-eq (get script out) script) ERR-WRONG-SCRIPT)
    (asserts! (>= (get amount out) (get collateral-sats loan)) ERR-AMOUNT-TOO-LOW)
    (ok {txid: (get txid out), vout: vout, amount: (get amount out), height: height})))

;; Anyone may submit the proof: it convinces by itself.
(define-public (submit-deposit-proof
    (loan-id uint) (tx (buff 4096)) (vout uint) (header (buff 80)) (height uint)
    (tx-index uint) (branch (list 24 (buff 32))))
  (let ((loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND))
        (proven (try! (verify-deposit-proof loan-id tx vout header height tx-index branch)))
        (auction-end (+ stacks-block-height (get auction-blocks loan))))
    (try! (not-paused))
    (asserts! (is-eq (get status loan) "awaiting-deposit") ERR-BAD-STATUS)
    (map-set loans loan-id (merge loan {
      status: "auction", deposit-txid: (some (get txid proven)), deposit-vout: vout,
      deposit-sats: (get amount proven), deposit-height: height, auction-end: auction-end}))
    (print {event: "deposit-confirmed", loan-id: loan-id, txid: (get txid proven), vout: vout,
            amount-sats: (get amount proven), burn-height: height, auction-end: auction-end})
    (ok true)))

;; ---------------------------------------------------------------------------------------------
;; Auction, funding, repayment, default

;; A bid is the total the lender wants repaid for lending loan-amount: the lowest wins.
(define-public (place-bid (loan-id uint) (repayment uint) (lender-script (buff 34)))
  (let ((loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND)))
    (try! (not-paused))
    (asserts! (is-eq (get status loan) "auction") ERR-BAD-STATUS)
    (asserts! (< stacks-block-height (get auction-end loan)) ERR-AUCTION-CLOSED)
    (asserts! (not (is-eq tx-sender (get borrower loan))) ERR-BAD-PARAMS)
    (asserts! (standard-script? lender-script) ERR-BAD-SCRIPT)
    (asserts! (and (>= repayment (get loan-amount loan)) (<= repayment (get max-repayment loan))) ERR-BID-TOO-HIGH)
    (asserts! (or (is-none (get lender loan)) (< repayment (get repayment loan))) ERR-BID-TOO-HIGH)
    (map-set loans loan-id (merge loan {lender: (some tx-sender), repayment: repayment, lender-script: (some lender-script)}))
    (print {event: "bid-placed", loan-id: loan-id, lender: tx-sender, repayment: repayment})
    (ok true)))

;; The winning lender funds the borrower directly; the loan runs from here to maturity.
(define-public (finalize-auction (loan-id uint) (token <ft-trait>))
  (let ((loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND))
        (lender (unwrap! (get lender loan) ERR-NO-BID))
        (maturity (+ stacks-block-height (get duration loan))))
    (try! (not-paused))
    (asserts! (is-eq (get status loan) "auction") ERR-BAD-STATUS)
    (asserts! (>= stacks-block-height (get auction-end loan)) ERR-AUCTION-OPEN)
    (asserts! (is-eq tx-sender lender) ERR-NOT-LENDER)
    (asserts! (is-eq (contract-of token) (get token loan)) ERR-WRONG-TOKEN)
    (try! (contract-call? token transfer (get loan-amount loan) lender (get borrower loan) none))
    (map-set loans loan-id (merge loan {status: "active", maturity: maturity}))
    (print {event: "loan-funded", loan-id: loan-id, lender: lender, amount: (get loan-amount loan),
            repayment: (get repayment loan), maturity: maturity})
    (ok true)))

(define-private (open-request (loan-id uint) (loan {
    borrower: principal, token: principal, loan-amount: uint, max-repayment: uint,
    collateral-sats: uint, duration: uint, auction-blocks: uint, borrower-script: (buff 34),
    status: (string-ascii 20), created-at: uint, deposit-script: (optional (buff 34)),
    deposit-txid: (optional (buff 32)), deposit-vout: uint, deposit-sats: uint, deposit-height: uint,
    auction-end: uint, lender: (optional principal), repayment: uint,
    lender-script: (optional (buff 34)), maturity: uint, request-id: (optional uint)})
    (kind (string-ascii 10)) (recipient (buff 34)) (status (string-ascii 20)))
  (let ((request-id (+ (var-get last-request-id) u1))
        (utxo (unwrap-panic (get deposit-txid loan))))
    (map-set requests request-id {
      loan-id: loan-id, kind: kind, utxo-txid: utxo, utxo-vout: (get deposit-vout loan),
      amount-sats: (get deposit-sats loan), recipient-script: recipient,
      requested-at: stacks-block-height, status: "pending", result-txid: none})
    (var-set last-request-id request-id)
    (map-set loans loan-id (merge loan {status: status, request-id: (some request-id)}))
    (print {event: "action-request", request-id: request-id, loan-id: loan-id, action: kind,
            utxo-txid: utxo, utxo-vout: (get deposit-vout loan), amount-sats: (get deposit-sats loan),
            recipient-script: recipient})
    request-id))

(define-public (repay-loan (loan-id uint) (token <ft-trait>))
  (let ((loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND))
        (lender (unwrap! (get lender loan) ERR-NO-BID)))
    (try! (not-paused))
    (asserts! (is-eq (get status loan) "active") ERR-BAD-STATUS)
    (asserts! (is-eq tx-sender (get borrower loan)) ERR-NOT-BORROWER)
    (asserts! (< stacks-block-height (get maturity loan)) ERR-MATURED)
    (asserts! (is-eq (contract-of token) (get token loan)) ERR-WRONG-TOKEN)
    (try! (contract-call? token transfer (get repayment loan) tx-sender lender none))
    (print {event: "loan-repaid", loan-id: loan-id, amount: (get repayment loan)})
    (ok (open-request loan-id loan "release" (get borrower-script loan) "releasing"))))

(define-public (claim-collateral (loan-id uint))
  (let ((loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND))
        (lender (unwrap! (get lender loan) ERR-NO-BID)))
    (try! (not-paused))
    (asserts! (is-eq (get status loan) "active") ERR-BAD-STATUS)
    (asserts! (is-eq tx-sender lender) ERR-NOT-LENDER)
    (asserts! (>= stacks-block-height (get maturity loan)) ERR-NOT-MATURE)
    (print {event: "loan-defaulted", loan-id: loan-id})
    (ok (open-request loan-id loan "claim" (unwrap-panic (get lender-script loan)) "claiming"))))

;; The borrower takes the collateral back when the auction ended without a bid, or when the winner
;; did not fund within the grace period.
(define-public (request-refund (loan-id uint))
  (let ((loan (unwrap! (map-get? loans loan-id) ERR-LOAN-NOT-FOUND)))
    (try! (not-paused))
    (asserts! (is-eq (get status loan) "auction") ERR-BAD-STATUS)
    (asserts! (is-eq tx-sender (get borrower loan)) ERR-NOT-BORROWER)
    (asserts! (>= stacks-block-height
                  (+ (get auction-end loan) (if (is-some (get lender loan)) FUNDING-GRACE-BLOCKS u0)))
              ERR-AUCTION-OPEN)
    (ok (open-request loan-id loan "refund" (get borrower-script loan) "refunding"))))

;; ---------------------------------------------------------------------------------------------
;; The Bitcoin result of an action request, confirmed by M of N validators

(define-public (confirm-bitcoin-action (request-id uint) (bitcoin-txid (buff 32)))
  (let ((v (try! (active-validator)))
        (request (unwrap! (map-get? requests request-id) ERR-REQUEST-NOT-FOUND))
        (key {request-id: request-id, txid: bitcoin-txid})
        (votes (+ (default-to u0 (map-get? result-tally key)) u1)))
    (try! (not-paused))
    (asserts! (is-eq (get status request) "pending") ERR-REQUEST-DONE)
    (asserts! (map-insert result-votes {request-id: request-id, validator: tx-sender} bitcoin-txid) ERR-ALREADY-VOTED)
    (map-set result-tally key votes)
    (print {event: "action-vote", request-id: request-id, validator-id: (get validator-id v), txid: bitcoin-txid, votes: votes})
    (if (>= votes (var-get signing-threshold))
      (let ((loan-id (get loan-id request))
            (loan (unwrap-panic (map-get? loans loan-id)))
            (kind (get kind request))
            (final (if (is-eq kind "release") "released" (if (is-eq kind "claim") "claimed" "refunded"))))
        (map-set requests request-id (merge request {status: "confirmed", result-txid: (some bitcoin-txid)}))
        (map-set loans loan-id (merge loan {status: final}))
        (print {event: "action-confirmed", request-id: request-id, loan-id: loan-id, action: kind,
                txid: bitcoin-txid, loan-status: final})
        (ok true))
      (ok false))))

;; ---------------------------------------------------------------------------------------------
;; Reads

(define-read-only (get-loan (loan-id uint)) (map-get? loans loan-id))
(define-read-only (get-request (request-id uint)) (map-get? requests request-id))
(define-read-only (get-validator (who principal)) (map-get? validators who))
(define-read-only (get-address-vote (loan-id uint) (who principal))
  (map-get? address-votes {loan-id: loan-id, validator: who}))
(define-read-only (get-config)
  {owner: (var-get contract-owner), paused: (var-get paused), threshold: (var-get signing-threshold),
   active-validators: (var-get active-validators), last-loan-id: (var-get last-loan-id),
   last-request-id: (var-get last-request-id), min-confirmations: MIN-CONFIRMATIONS})
