//! Random streams that depend only on (seed, purpose, draw index), never on the thread that runs a draw.
//!
//! Each stream is ChaCha8 keyed by the seed, the purpose and (for schedule draws) the component id, with the
//! draw index as its stream number: a counter-based generator, so any draw's numbers can be made in any
//! order on any thread, and adding a part never changes another part's draws.

use chacha20::ChaCha8Rng;
use chacha20::rand_core::{Rng, SeedableRng};

use crate::model::component::ComponentId;

/// What a stream is used for. Each purpose has its own key, so the number of months in one walk never shifts
/// the numbers of another input (scenarios with different horizons still share their luck).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The per-scenario scalar draws (lease, power price, premium, permitting, utilization).
    Scalars,
    HashpriceWalk,
    GpuPriceWalk,
    /// One component's lead-time multiplier.
    Schedule(ComponentId),
    /// The interconnection queue's multiplier.
    Queue,
    /// The grid approval (a stream of its own, independent of the component streams).
    Approval,
}

pub struct Stream {
    rng: ChaCha8Rng,
    spare_normal: Option<f64>,
}

impl Stream {
    pub fn new(seed: u64, purpose: Purpose, draw: u64) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        let (tag, id) = match purpose {
            Purpose::Scalars => (1u8, 0),
            Purpose::HashpriceWalk => (2, 0),
            Purpose::GpuPriceWalk => (3, 0),
            Purpose::Schedule(id) => (4, id),
            Purpose::Queue => (5, 0),
            Purpose::Approval => (6, 0),
        };
        key[8] = tag;
        key[16..24].copy_from_slice(&id.to_le_bytes());
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(draw);
        Stream { rng, spare_normal: None }
    }

    /// Uniform in [0, 1), with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal by the Box-Muller transform (both outputs of a pair are used, in order).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let r = (-2.0 * (1.0 - self.uniform()).ln()).sqrt();
        let theta = std::f64::consts::TAU * self.uniform();
        self.spare_normal = Some(r * theta.sin());
        r * theta.cos()
    }
}
